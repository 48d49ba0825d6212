/**
 * Bundling stand-in for the `form-data` package: axios's Node build imports it
 * (with mime-db, 136 KB) to send multipart bodies, which profile-sync never
 * does (GET only). The Lambda bundles alias `form-data` to this module.
 */
export default class FormData {
  constructor() {
    throw new Error('multipart bodies are not supported in profile-sync bundles');
  }
}
