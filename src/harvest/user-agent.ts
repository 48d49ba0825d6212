/** The User-Agent sent to the sources: the tool, its version, and the profile's contact. */
/** The tool's version (package.json's; a test keeps them equal). */
export const TOOL_VERSION = '0.1.0';

export function userAgentFor(contact: string): string {
  const who = contact.includes('@') && !contact.startsWith('mailto:') ? `mailto:${contact}` : contact;
  return `profile-sync/${TOOL_VERSION} (${who})`;
}
