/** JSON Schemas generated from the zod definitions (the single source of truth). */
import * as z from 'zod/v4';
import { profileConfig } from '../canonical/config-schema.ts';
import { canonicalCv } from '../canonical/cv-schema.ts';
import { decisionsFile } from '../canonical/decisions.ts';
import { publishedProfile } from '../model/profile.ts';

function schemaOf(schema: z.ZodType, id: string, io: 'input' | 'output'): Record<string, unknown> {
  return { $id: id, ...z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'throw' }) };
}

/** Schema files kept in schemas/ (the file name is the $id). */
export function jsonSchemas(): Record<string, Record<string, unknown>> {
  return {
    // The owner writes these files: validate what may be written (defaults optional).
    'cv.schema.json': schemaOf(canonicalCv, 'cv.schema.json', 'input'),
    'config.schema.json': schemaOf(profileConfig, 'config.schema.json', 'input'),
    'decisions.schema.json': schemaOf(decisionsFile, 'decisions.schema.json', 'input'),
    // Websites read this one: describe what is produced.
    'profile.schema.json': schemaOf(publishedProfile, 'profile.schema.json', 'output'),
  };
}

export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
