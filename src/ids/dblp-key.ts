/** dblp record keys, e.g. conf/iccv/YunHCOYC19, journals/corr/abs-1905-04899, data/10/LindqvistBH21 (research data). */
const DBLP_KEY = /^(?:conf|journals|books|series|reference|phd|tr|persons|homepages|ms|www|data)\/[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.'-]+)+$/;

export function isDblpKey(text: string): boolean {
  return DBLP_KEY.test(text);
}

/** dblp person identifiers, e.g. 95/7448-1, s/CZSun, 00/1, 188/7759-93. */
const DBLP_PID = /^(?:\d+\/\d+(?:-\d+)?|[a-z]\/[A-Za-z][A-Za-z0-9_.-]*)$/;

export function isDblpPid(text: string): boolean {
  return DBLP_PID.test(text);
}

export function dblpRecordUrl(key: string): string {
  return `https://dblp.org/rec/${key}`;
}
