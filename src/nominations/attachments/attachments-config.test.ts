import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../config.js';

test('ATTACHMENTS_DIR defaults to <DATA_DIR>/attachments and can be set', () => {
  assert.equal(loadConfig({}).attachmentsDir, join('./data', 'attachments'));
  assert.equal(loadConfig({ DATA_DIR: '/var/lib/prisportal' }).attachmentsDir, '/var/lib/prisportal/attachments');
  assert.equal(loadConfig({ ATTACHMENTS_DIR: '/mnt/shared/bilag' }).attachmentsDir, '/mnt/shared/bilag');
  assert.equal(loadConfig({ ATTACHMENTS_DIR: '' }).attachmentsDir, join('./data', 'attachments'), 'empty counts as unset');
});

test('a bad ATTACHMENTS_DIR stops start-up with one line naming it', () => {
  assert.throws(
    () => loadConfig({ ATTACHMENTS_DIR: '/tmp/bi\nlag' }),
    (err: unknown) => err instanceof ConfigError && /^Invalid environment variable ATTACHMENTS_DIR=.*: expected a folder path/.test(err.message),
  );
});
