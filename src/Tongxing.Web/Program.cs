// The web app, or one of its commands (tongxing --help lists them): see AppCommandLine.
return await Tongxing.Web.AppCommandLine.RunAsync(args, Console.Out, Console.Error);

/// <summary>Entry point, visible to the test hosts.</summary>
public partial class Program;
