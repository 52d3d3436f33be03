/**
 * The name of a new starter OpenAPI file: `openapi.yaml`, or `openapi-2.yaml`, `openapi-3.yaml` …
 * when that name is taken, so that an existing description is never overwritten. Every candidate
 * matches the `openapi*.yaml` pattern the extension activates on.
 */
export function starterFileName(exists: (name: string) => boolean): string {
  if (!exists('openapi.yaml')) return 'openapi.yaml';
  for (let index = 2; ; index++) {
    const name = `openapi-${index}.yaml`;
    if (!exists(name)) return name;
  }
}
