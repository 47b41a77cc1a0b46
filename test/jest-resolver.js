// Dev code is .cts and imports its siblings as `./x.cjs` (what tsc emits next to it). Under jest
// the sources run directly, so such an import means the .cts file beside the importer.
const fs = require('fs');
const path = require('path');

module.exports = (request, options) => {
	if (/^\.{1,2}\//.test(request) && request.endsWith('.cjs') && !options.basedir.includes(`${path.sep}node_modules${path.sep}`)) {
		const source = path.resolve(options.basedir, request.replace(/\.cjs$/, '.cts'));
		if (fs.existsSync(source)) return source;
	}
	return options.defaultResolver(request, options);
};
