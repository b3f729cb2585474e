// cdktf loads archiver (≈ 40 ms per spec file) for ARCHIVE assets, which this app never synthesizes (its Lambda zips
// are FILE assets): inside jest it is loaded on first call only. Required by path, the real module is not remapped.
let archiver;
const load = () => (archiver ??= require(require.resolve('archiver/index.js', { paths: [require.resolve('cdktf')] })));
module.exports = new Proxy(function archiverOnFirstUse() {}, {
  apply: (_target, self, args) => load().apply(self, args),
  get: (_target, key) => load()[key],
  has: (_target, key) => key in load(),
});
