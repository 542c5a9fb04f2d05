using Tongxing.Web;

await TongxingApp.Build(args).RunAsync();

/// <summary>Entry point, visible to the test hosts.</summary>
public partial class Program;
