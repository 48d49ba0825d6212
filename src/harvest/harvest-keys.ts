/** Store keys of the per-source harvest, in one small module: reconciliation reads them without pulling in the harvesters. */
export const WATERMARK_KEY = 'harvest/_arxiv/watermark.json';
export const oaiRawPrefix = (runId: string) => `raw/_harvest/arxiv/${runId}/`;
export const arxivHarvestManifestKey = (runId: string) => `${oaiRawPrefix(runId)}manifest.json`;
