using TsOrchestrator.Cli;

var terminal = CliConsole.IsColourTerminal(Console.IsOutputRedirected, Environment.GetEnvironmentVariable("NO_COLOR"));
return CliApp.Run(args, new CliConsole(Console.Out, Console.Error, terminal));
