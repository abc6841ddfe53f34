// Build step for the package's icons: every node and credential names a light and a dark icon in
// icons/; this checks that both themes exist for every vendor and copies them into dist/icons,
// where the compiled nodes (dist/nodes/<Vendor>/) and credentials (dist/credentials/) find them.
const { src, dest, task } = require('gulp');
const fs = require('node:fs');
const path = require('node:path');

function checkThemedIcons(done) {
	const icons = fs
		.readdirSync(path.join(__dirname, 'icons'))
		.filter((file) => file.endsWith('.svg'));
	const light = icons.filter((file) => !file.endsWith('.dark.svg'));
	const missing = light
		.map((file) => file.replace(/\.svg$/, '.dark.svg'))
		.filter((dark) => !icons.includes(dark));
	if (missing.length > 0) {
		done(new Error(`Dark icon missing: ${missing.join(', ')}`));
		return;
	}
	done();
}

function copyIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

task('build:icons', (done) => {
	checkThemedIcons((error) => {
		if (error) return done(error);
		copyIcons().on('end', done).on('error', done);
	});
});
