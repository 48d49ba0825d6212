/**
 * The canonical CV records of one profile: the owner's truth, edited by hand.
 * This zod schema is the single definition; schemas/cv.schema.json is generated
 * from it (`npm run schemas`) and a test keeps the two equal.
 */
import * as z from 'zod/v4';
import { parseArxivId } from '../ids/arxiv-id.ts';
import { isDblpKey } from '../ids/dblp-key.ts';
import { SAFE_DOI } from '../ids/doi.ts';

export const CV_SCHEMA_VERSION = 1;

/** The longest id (of a profile, a work, a talk…): ids name files and folders of the exports, and a file name has at most 255 bytes. */
export const MAX_ID_LENGTH = 100;

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and hyphens (a stable id)')
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters (ids name published files)`)
  .describe(`Stable identifier: lowercase letters, digits and hyphens, at most ${MAX_ID_LENGTH} characters. Never derived from the title, so it survives title changes.`);

const text = z.string().trim().min(1, 'must not be empty');

const ARXIV_SHAPE = /^(?:\d{4}\.\d{4,5}|[a-z][a-z-]*\/\d{7})$/;

export const arxivIdField = z
  .string()
  .regex(ARXIV_SHAPE, 'malformed arXiv ID: expected YYMM.NNNN(N) or archive/YYMMNNN, without a version suffix (e.g. 1905.04899)')
  // The shape can be right and the ID still impossible (month 13, a 4-digit sequence after 1412).
  .refine((s) => !ARXIV_SHAPE.test(s) || parseArxivId(s)?.base === s, 'malformed arXiv ID: month or sequence length impossible for an arXiv ID')
  .describe('arXiv identifier without version, e.g. "1905.04899" or "cs/0112017".');

export const doiField = z
  .string()
  // The characters a DOI from a source may have (ids/doi.ts): the owner's are held to the same.
  .regex(SAFE_DOI, 'malformed DOI: expected a bare DOI such as 10.1109/ICCV.2019.00612 (no https://doi.org/ prefix; printable ASCII without spaces, double quotes, "<", ">", "\\", "{", "}", "|", "^", "`", "#" or "?")')
  .describe('Bare DOI, e.g. "10.1109/ICCV.2019.00612".');

export const dblpKeyField = z
  .string()
  .refine(isDblpKey, 'malformed dblp key: expected e.g. conf/iccv/YunHCOYC19 or journals/corr/abs-1905-04899')
  .describe('dblp record key, e.g. "conf/iclr/HeoCOHYKUH21".');

export const externalIds = z
  .strictObject({
    arxiv: arxivIdField.optional(),
    doi: doiField.optional(),
    dblp: dblpKeyField.optional(),
  })
  .describe('External identifiers the owner knows. Optional; sources fill in what they find through the diff report.');

export const canonicalAuthor = z
  .strictObject({
    name: text.describe('The name exactly as the CV writes it (spelling corrections come through the diff report).'),
    owner: z.literal(true).optional().describe('true on the profile owner\'s own entry (exactly one per work).'),
    equalContribution: z.literal(true).optional().describe('true where the CV marks the author with * (equal contribution).'),
  })
  .describe('One author, in CV order.');

export const PUBLICATION_KINDS = ['conference', 'workshop', 'demo', 'journal', 'preprint', 'book-chapter', 'thesis', 'other'] as const;

/** Links an owner may give a work (the sources give abstract, pdf, doi and dblp). */
export const OWNER_LINK_KINDS = ['code', 'slides', 'video', 'poster', 'project', 'blog'] as const;

const webUrl = z
  .string()
  .regex(/^https?:\/\/[^\s"<>]+$/, 'must be an http(s) URL without spaces or quotes')
  .describe('An http(s) URL.');

export const presentationFields = {
  selected: z.literal(true).optional().describe('Presentation: true to show the work on a short "selected" list (al-folio `selected`, Hugo Blox `featured`, the web component\'s `selected` attribute).'),
  preview: z
    .string()
    .regex(/^(?:https:\/\/[^\s"<>]+|[A-Za-z0-9][A-Za-z0-9._-]*\.(?:png|jpe?g|gif|webp|svg))$/, 'must be an image file name (e.g. "cutmix.png") or an https:// URL')
    .optional()
    .describe('Presentation: preview image, a file name in the site\'s image folder (al-folio: assets/img/publication_preview/) or an https:// URL.'),
  links: z
    .strictObject(Object.fromEntries(OWNER_LINK_KINDS.map((k) => [k, webUrl.optional()])) as Record<(typeof OWNER_LINK_KINDS)[number], z.ZodOptional<typeof webUrl>>)
    .optional()
    .describe('Presentation: links the owner gives (code, slides, video, poster, project, blog); the sources add abstract, PDF, DOI and dblp links.'),
  award: text.optional().describe('Presentation: an award or distinction as the owner writes it, e.g. "Oral presentation" or "Best Paper Award".'),
  annotation: text.optional().describe('Presentation: a remark shown with the work (al-folio shows it in a popover; the equal-contribution legend is added by itself).'),
};

export const canonicalPublication = z
  .strictObject({
    id: slug,
    kind: z.enum(PUBLICATION_KINDS).describe('What the work is. "preprint" works are listed under the CV\'s preprint section, all others under peer-reviewed papers.'),
    venue: text.describe('The venue label as the owner writes it, e.g. "ICCV\'19", "CVPR WS\'20", "arXiv\'20".'),
    year: z.int().min(1900).max(2100).describe('Year of the venue (or of the preprint).'),
    title: text.describe('Title exactly as the owner writes it, without a trailing period.'),
    authors: z.array(canonicalAuthor).min(1, 'a work needs at least one author').describe('Authors in order.'),
    ids: externalIds.optional(),
    note: z.string().optional().describe('Free text the owner keeps with the work (not published).'),
    ...presentationFields,
  })
  .describe('One publication of the owner. The presentation fields (selected, preview, links, award, annotation) are optional, written by the owner only, and never changed by a sync.');

export const canonicalTalk = z
  .strictObject({
    id: slug,
    title: text.describe('Title of the talk as written.'),
    event: text.describe('Where it was given, as written, e.g. "Yonsei University".'),
    year: z.int().min(1900).max(2100),
    yearInLabel: z
      .boolean()
      .optional()
      .describe('Whether the CV writes "(year)" after the event; default true. False where the year is already part of the event text.'),
  })
  .describe('One research presentation.');

export const reviewingEntry = z.strictObject({
  venue: text.describe('Venue reviewed for, e.g. "CVPR 2020".'),
  note: z.string().optional().describe('E.g. "outstanding reviewer award".'),
});

export const award = z.strictObject({
  title: text,
  context: z.string().optional().describe('What the award was for, as written in parentheses in the CV.'),
  year: z.int().min(1900).max(2100).optional(),
});

export const experience = z.strictObject({
  id: slug,
  organization: text,
  role: text.describe('Role line as written.'),
  location: z.string().optional(),
  start: text.describe('As written, e.g. "Feb 2018".'),
  end: text.describe('As written, e.g. "Jan 2018" or "Now".'),
  highlights: z.array(text).describe('Bullet points, verbatim.'),
});

export const internship = z.strictObject({
  text: text.describe('The entry verbatim.'),
});

export const language = z.strictObject({
  language: text,
  proficiency: text,
});

export const education = z.strictObject({
  id: slug,
  degree: text.describe('E.g. "M.S. in Electrical Engineering".'),
  institution: text,
  advisor: z.string().optional(),
  start: text,
  end: text,
  thesis: z.string().optional(),
});

export const person = z.strictObject({
  name: text.describe('The owner\'s name as the CV writes it.'),
  nameVariants: z
    .array(text)
    .describe('Other forms of the name the sources may use (initials, romanisations, dblp forms). Used to recognise the owner in author lists.'),
  headline: z.string().optional().describe('Position line, e.g. "Research Scientist at NAVER AI LAB / NAVER CLOVA".'),
  affiliation: text,
  email: z.email().optional(),
  homepage: z.url().optional(),
  researchInterests: z.string().optional().describe('The research-interests statement, verbatim.'),
});

export const canonicalCv = z
  .strictObject({
    $schema: z.string().optional().describe('Path of this JSON Schema, for editors.'),
    schemaVersion: z.literal(CV_SCHEMA_VERSION).describe('Format version of this file.'),
    profile: slug.describe('The profile id; equals the folder name under data/profiles/.'),
    asOf: z.iso.date().optional().describe('Date of the CV this file was last reconciled with by hand (YYYY-MM-DD).'),
    person,
    publications: z.array(canonicalPublication).describe('All publications, in CV order (peer-reviewed and preprints).'),
    talks: z.array(canonicalTalk).default([]).describe('Research presentations, in CV order.'),
    activities: z
      .strictObject({ reviewing: z.array(reviewingEntry).default([]) })
      .default({ reviewing: [] })
      .describe('Academic service.'),
    awards: z.array(award).default([]),
    experience: z.array(experience).default([]),
    internships: z.array(internship).default([]),
    languages: z.array(language).default([]),
    education: z.array(education).default([]),
  })
  .describe('Canonical CV records of one profile (profile-sync).');

export type CanonicalCv = z.infer<typeof canonicalCv>;
export type CanonicalPublication = z.infer<typeof canonicalPublication>;
export type CanonicalAuthor = z.infer<typeof canonicalAuthor>;
export type CanonicalTalk = z.infer<typeof canonicalTalk>;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];
export type ExternalIds = z.infer<typeof externalIds>;
