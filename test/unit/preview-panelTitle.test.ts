// The editor tab title of a Pin Preview: short, and different for two versions of the same day.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { previewPanelTitle } from '../../src/extension/previews/panelTitle.js';

test('a pins version name keeps its day and its hash suffix, so two versions of one day get different tabs', () => {
  const morning = previewPanelTitle('ads_model', '20210209T093000Z-2cccc');
  const later = previewPanelTitle('ads_model', '20210209T103000Z-08502');
  assert.equal(morning, 'ads_model@20210209T…-2cccc');
  assert.equal(later, 'ads_model@20210209T…-08502');
  assert.notEqual(morning, later);
  assert.ok(later.length < 'ads_model@20210209T103000Z-08502'.length, 'still shorter than the full version');
});

test('other version names are kept when short and cut in the middle when long; an unversioned pin is its name', () => {
  assert.equal(previewPanelTitle('ads', 'v2'), 'ads@v2');
  assert.equal(previewPanelTitle('ads', 'release-2021-02-09-final-b'), 'ads@release-2…inal-b');
  assert.equal(previewPanelTitle('ads', '.'), 'ads');
});
