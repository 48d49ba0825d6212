/** The workflow's Lambda steps, by the names lib/workflow.ts and the time budget use. */
export type WorkflowStepName = 'discover' | 'harvestArxiv' | 'harvestDblp' | 'closeGaps' | 'reconcile' | 'notify' | 'summarize';
