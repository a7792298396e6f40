return args is [TsOrchestrator.Agent.Platform.ProcessGroupEntry.Command, ..]
    ? TsOrchestrator.Agent.Platform.ProcessGroupEntry.Run(args)
    : TsOrchestrator.Agent.AgentApp.Run(args);
