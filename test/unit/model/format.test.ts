import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageText, formatPort, imageWithoutDigest } from '../../../src/model/format';
import { NOW, ago } from './fixtures';

void test('ageText reads like the docker CLI', () => {
  const table: [number, string][] = [
    [0, 'just now'],
    [5, '5 seconds ago'],
    [60, '1 minute ago'],
    [3599, '59 minutes ago'],
    [7200, '2 hours ago'],
    [47 * 3600, '47 hours ago'],
    [3 * 86400, '3 days ago'],
    [20 * 86400, '2 weeks ago'],
    [90 * 86400, '3 months ago'],
    [800 * 86400, '2 years ago'],
  ];
  for (const [seconds, text] of table) assert.equal(ageText(ago(seconds), NOW), text, `${seconds} s`);
  assert.equal(ageText(undefined, NOW), '');
  assert.equal(ageText('not a date', NOW), '');
});

void test('imageWithoutDigest drops the pinned digest, keeps a short one when there is no tag', () => {
  assert.equal(imageWithoutDigest('nginx:1.25@sha256:abcdef0123456789abcdef'), 'nginx:1.25');
  assert.equal(imageWithoutDigest('registry:5000/team/app:v2@sha256:abcdef0123456789abcdef'), 'registry:5000/team/app:v2');
  assert.equal(imageWithoutDigest('registry:5000/team/app@sha256:abcdef0123456789abcdef'), 'registry:5000/team/app@abcdef012345');
  assert.equal(imageWithoutDigest('demo/busybox:1'), 'demo/busybox:1');
  assert.equal(imageWithoutDigest(undefined), '');
});

void test('formatPort: published, engine-chosen, host mode', () => {
  assert.equal(formatPort({ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' }), '8080:80/tcp');
  assert.equal(formatPort({ Protocol: 'udp', TargetPort: 53, PublishedPort: 53, PublishMode: 'host' }), '53:53/udp (host)');
  assert.equal(formatPort({ Protocol: 'tcp', TargetPort: 8080, PublishMode: 'host' }), '*:8080/tcp (host)');
});
