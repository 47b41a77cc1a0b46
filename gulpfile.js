const path = require('path');
const { task, src, dest } = require('gulp');

// tsc only emits JavaScript: n8n loads the icons from dist/ next to it
task('build:icons', () =>
	src(['icons/*.svg', 'nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], { base: '.' }).pipe(
		dest(path.resolve('dist')),
	),
);
