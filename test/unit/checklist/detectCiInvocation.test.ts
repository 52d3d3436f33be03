import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { detectCiInvocation, isCiConfigPath } from '../../../server/src/core/checklist/detectCiInvocation';

const root = path.resolve(__dirname, '../../..');

describe('CI configurations that run api-guard (step 4.1)', () => {
  it('knows the CI systems by their file names', () => {
    for (const file of [
      '.github/workflows/ci.yml',
      '.github/workflows/lint.yaml',
      'services/shop/.github/workflows/api.yml',
      '.gitlab-ci.yml',
      'ci/lint.gitlab-ci.yml',
      'Jenkinsfile',
      'Jenkinsfile.release',
      'azure-pipelines.yml',
      'bitbucket-pipelines.yml',
      '.circleci/config.yml',
      'C:\\work\\shop\\.github\\workflows\\ci.yml',
    ]) {
      assert.ok(isCiConfigPath(file), file);
    }
    for (const file of ['.github/dependabot.yml', 'workflows/ci.yml', 'README.md', 'package.json', 'ci.yml']) assert.ok(!isCiConfigPath(file), file);
  });

  const cases: { name: string; path: string; text: string; line?: number }[] = [
    { name: 'npx in a GitHub workflow', path: '.github/workflows/ci.yml', text: 'jobs:\n  lint:\n    steps:\n      - run: npx api-guard lint --format sarif\n', line: 3 },
    { name: 'a multi-line run block', path: '.github/workflows/ci.yml', text: 'steps:\n  - run: |\n      npm ci\n      api-guard lint .\n', line: 3 },
    { name: 'a GitHub Action named after the tool', path: '.github/workflows/ci.yml', text: 'steps:\n  - uses: api-guard/action@v1\n', line: 1 },
    { name: 'GitLab script', path: '.gitlab-ci.yml', text: 'api:\n  script:\n    - "node_modules/.bin/api-guard lint --fail-on warning"\n', line: 2 },
    { name: 'Jenkins sh step', path: 'Jenkinsfile', text: "pipeline {\n  stages {\n    stage('API') { steps { sh 'npx api-guard lint' } }\n  }\n}\n", line: 2 },
    { name: 'Azure script', path: 'azure-pipelines.yml', text: 'steps:\n- script: api-guard checklist --format markdown\n', line: 1 },
    { name: 'Bitbucket', path: 'bitbucket-pipelines.yml', text: 'pipelines:\n  default:\n    - step:\n        script:\n          - npx --yes api-guard lint\n', line: 4 },
    { name: 'CircleCI', path: '.circleci/config.yml', text: 'jobs:\n  lint:\n    steps:\n      - run: api-guard lint\n', line: 3 },
    { name: 'a comment only', path: '.github/workflows/ci.yml', text: '# TODO: run api-guard lint here\nsteps:\n  - run: npm test # later: api-guard\n' },
    { name: 'a Jenkins comment only', path: 'Jenkinsfile', text: "// sh 'api-guard lint'\nnode { sh 'make' }\n" },
    { name: 'file names that contain the word', path: '.github/workflows/ci.yml', text: 'steps:\n  - run: cat api-guard.sarif\n  - run: lint --config .api-guard.yaml\n' },
    { name: 'a file that is no CI configuration', path: 'scripts/lint.sh', text: 'npx api-guard lint\n' },
  ];
  for (const item of cases) {
    it(item.line === undefined ? `finds nothing in ${item.name}` : `finds ${item.name}`, () => {
      const found = detectCiInvocation([{ path: item.path, text: item.text }]);
      assert.deepEqual(found, item.line === undefined ? undefined : { path: item.path, line: item.line });
    });
  }

  it('reports the first file in path order that runs the tool', () => {
    const found = detectCiInvocation([
      { path: 'azure-pipelines.yml', text: 'steps:\n- script: api-guard lint\n' },
      { path: '.github/workflows/b.yml', text: 'steps:\n  - run: npx api-guard lint\n' },
      { path: '.github/workflows/a.yml', text: 'steps:\n  - run: npm test\n' },
    ]);
    assert.deepEqual(found, { path: '.github/workflows/b.yml', line: 1 });
  });

  it('finds the example workspace’s workflow', () => {
    const file = '.github/workflows/api-guard.yml';
    const text = readFileSync(path.join(root, 'examples/shop', file), 'utf8');
    assert.equal(detectCiInvocation([{ path: file, text }])?.path, file);
  });
});
