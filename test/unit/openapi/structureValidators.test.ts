import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { staleValidatorFiles, structureValidatorFiles } from '../../../scripts/generateStructureValidators';
import { compositeBranchPointers, OFFICIAL_SCHEMAS, opaqueCopy } from '../../../server/src/core/openapi/structureSchemas';
import type { SpecVersion } from '../../../server/src/core/openapi/types';

const root = path.resolve(__dirname, '../../..');

describe('precompiled structural validators', () => {
  const files = structureValidatorFiles();

  it('are what the generator produces from the installed ajv and schemas', () => {
    const stale = staleValidatorFiles(files);
    assert.deepEqual(stale, [], `Stale generated validators (run \`npx tsx scripts/generateStructureValidators.ts\`): ${stale.join(', ')}`);
  });

  it('export a validator for every alternative of every opaque composite', () => {
    for (const version of Object.keys(OFFICIAL_SCHEMAS) as SpecVersion[]) {
      const stem = `v${version.replace('.', '')}`;
      const text = readFileSync(path.join(root, 'server/src/core/openapi/generated', `explain-${stem}.js`), 'utf8');
      const pointers = compositeBranchPointers(opaqueCopy(OFFICIAL_SCHEMAS[version]));
      assert.ok(pointers.length > 0, `${version} has composites`);
      for (const pointer of pointers) assert.ok(text.includes(`exports[${JSON.stringify(pointer)}]`), `${version}: ${pointer} is exported`);
    }
  });
});
