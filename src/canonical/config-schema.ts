/**
 * Per-profile configuration (data/profiles/<profile>/config.json): which sources
 * to use and how, the contact named in the User-Agent, the publishing policy.
 */
import * as z from 'zod/v4';
import { isDblpPid } from '../ids/dblp-key.ts';

export const CONFIG_SCHEMA_VERSION = 1;

const arxivSource = z
  .strictObject({
    enabled: z.boolean().default(true),
    authorNames: z
      .array(z.string().trim().min(1))
      .min(1, 'give at least one name form for author discovery')
      .describe('Name forms used to build the author-discovery query, e.g. ["Sanghyuk Chun"]. Each becomes an au: clause; they are OR-ed.'),
    discoverSince: z.iso
      .date()
      .optional()
      .describe('Stop author discovery at papers submitted before this date (YYYY-MM-DD).'),
    discoverMaxResults: z.int().min(1).max(2000).default(200).describe('Stop author discovery after this many results.'),
    pageSize: z.int().min(1).max(2000).default(100).describe('Results per discovery page.'),
    minIntervalSeconds: z
      .number()
      .min(3, 'arXiv asks for at least 3 s between requests; the interval can only be raised')
      .default(3)
      .describe('Minimum gap between two arXiv requests in seconds (never below 3).'),
  })
  .describe('arXiv API source.');

const dblpSource = z
  .strictObject({
    enabled: z.boolean().default(true),
    pid: z
      .string()
      .refine(isDblpPid, 'malformed dblp pid: expected e.g. 95/7448-1 or s/CZSun')
      .optional()
      .describe('The owner\'s dblp person id, when known. Without it the author search runs and stops on homonyms.'),
    searchName: z.string().trim().min(1).optional().describe('Name for the dblp author search when no pid is set; default: the person\'s name.'),
    minIntervalSeconds: z.number().min(1, 'at least 1 s between dblp requests').default(1),
  })
  .describe('dblp source.');

export const profileConfig = z
  .strictObject({
    $schema: z.string().optional(),
    schemaVersion: z.literal(CONFIG_SCHEMA_VERSION),
    profile: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    contact: z
      .string()
      .trim()
      .min(3)
      // It goes into an HTTP header: one line, no control characters (a CR/LF would start another header).
      .regex(/^[^\u0000-\u001f\u007f]*$/, 'must be one line without control characters (it is sent in the User-Agent header)')
      .describe('Contact named in the User-Agent sent to the sources (an email or URL), so operators can reach the owner.'),
    paused: z
      .boolean()
      .optional()
      .describe('true: the nightly run skips this profile (nothing fetched, nothing published; what is published stays). Set it, then `profile-sync push`: no deploy needed.'),
    sources: z.strictObject({
      arxiv: arxivSource,
      dblp: dblpSource,
    }),
    publishing: z
      .strictObject({
        publishUnreviewedCandidates: z
          .boolean()
          .default(false)
          .describe('Publish works found in sources that the owner has not accepted yet (default: no).'),
        shrinkTolerance: z
          .number()
          .min(0)
          .max(1)
          .default(0.2)
          .describe('A source returning this fraction fewer records than its last good snapshot is treated as degraded.'),
        authorSpellings: z
          .record(z.string(), z.string())
          .optional()
          .describe('One spelling per co-author in everything published: { "<a spelling in the CV>": "<the spelling to publish>" }. Without an entry, the spelling the CV uses most often is published; the report lists every co-author written more than one way. cv.json is not changed.'),
      })
      .default({ publishUnreviewedCandidates: false, shrinkTolerance: 0.2 }),
    notify: z
      .strictObject({
        weeklyReminder: z
          .boolean()
          .default(false)
          .describe('Also email a reminder of the items still to review when the last email is a week old (default: only new items are emailed, once).'),
      })
      .optional()
      .describe('The owner\'s email (the report in plain text).'),
  })
  .describe('Configuration of one profile (profile-sync).');

export type ProfileConfig = z.infer<typeof profileConfig>;
