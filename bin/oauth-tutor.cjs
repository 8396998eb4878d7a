#!/usr/bin/env node
'use strict';
// The command-line program is the bundle in dist/bin/ (scripts/bundle-cli.mjs), compiled with
// V8's code cache (bin/code-cache.cjs).
require('./code-cache.cjs').useCodeCache(require('node:path').join(__dirname, '..', 'dist', 'bin'));
require('../dist/bin/main.cjs');
