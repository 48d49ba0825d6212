/**
 * The owner's answers, remembered by report item id
 * (canonical/<profile>/decisions.json; locally data/profiles/<profile>/decisions.json).
 */
import * as z from 'zod/v4';

export const DECISIONS_SCHEMA_VERSION = 1;

export const decision = z.strictObject({
  item: z.string().min(1).describe('Id of the report item decided on (stable across runs).'),
  action: z
    .enum(['accept', 'reject', 'keep-mine', 'accept-theirs', 'ack'])
    .describe('accept/reject: a candidate work (accept also writes it into cv.json); accept on a "now published" version event makes the canonical record the published paper. keep-mine/accept-theirs: an upstream difference (accept-theirs is applied to cv.json by the review command). ack: a version event was seen (nothing changes).'),
  at: z.string().describe('ISO time of the decision.'),
  /** For candidates: every identifier of the work when decided, so its other versions are covered too. */
  covers: z
    .strictObject({
      arxiv: z.array(z.string()).default([]),
      doi: z.array(z.string()).default([]),
      dblp: z.array(z.string()).default([]),
    })
    .optional()
    .describe('Identifiers of the work the decision covers (a rejected preprint\'s published twin stays rejected).'),
  note: z.string().optional(),
});

export const decisionsFile = z
  .strictObject({
    $schema: z.string().optional(),
    schemaVersion: z.literal(DECISIONS_SCHEMA_VERSION),
    decisions: z.array(decision).default([]),
  })
  .describe('Owner decisions on report items (profile-sync).');

export type Decision = z.infer<typeof decision>;
export type Decisions = z.infer<typeof decisionsFile>;

export const NO_DECISIONS: Decisions = { schemaVersion: DECISIONS_SCHEMA_VERSION, decisions: [] };
