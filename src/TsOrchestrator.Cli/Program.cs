return TsOrchestrator.Cli.CliApp.Run(args, Console.Out, Console.Error);
