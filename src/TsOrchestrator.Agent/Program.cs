return TsOrchestrator.Agent.AgentApp.Run(args);
