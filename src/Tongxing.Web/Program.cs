using Tongxing.Web;

var app = TongxingApp.Build(args);
await TongxingApp.PrepareDatabaseAsync(app);
await app.RunAsync();

/// <summary>Entry point, visible to the test hosts.</summary>
public partial class Program;
