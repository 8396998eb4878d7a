'use strict';
// import() for the chunks of dist/bin/: a chunk compiled with a code cache (vm.Script, see
// bin/code-cache.cjs) cannot run import() without an experimental flag, and require() of an ES
// module needs Node 20.19 or 22.12 and later. This file is compiled by Node itself, so its
// import() loads the packages that are ES modules only (open, yocto-spinner) on any Node.
module.exports = (specifier) => import(specifier);
