/**
 * The owner's answers, remembered by report item id
 * (canonical/<profile>/decisions.json; locally data/profiles/<profile>/decisions.json).
 */
import * as z from 'zod/v4';

export const DECISIONS_SCHEMA_VERSION = 1;

export const DECISION_ACTIONS = ['accept', 'reject', 'keep-mine', 'accept-theirs', 'ack'] as const;

export const decision = z.strictObject({
  item: z.string().min(1).describe('Id of the report item decided on (stable across runs).'),
  action: z
    .enum(DECISION_ACTIONS)
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
  edit: z
    .strictObject({
      workId: z.string().describe('The work of cv.json the decision changed (or inserted).'),
      before: z.unknown().describe('The work as it was before (null: the decision inserted it).'),
      after: z.unknown().describe('The work as the decision left it.'),
    })
    .optional()
    .describe('What the decision wrote into cv.json. `review --undo` (or a changed decision) puts `before` back while the work is still `after`.'),
  replaces: z
    .strictObject({ action: z.enum(DECISION_ACTIONS), at: z.string() })
    .optional()
    .describe('The earlier decision on this item that this one replaced (its cv.json edit was taken back first).'),
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
