// The formatting of n8n's community-node starter (@n8n/node-cli's template): tabs, single quotes,
// 100 columns. `npm run lint` checks it; `npm run format` applies it.
module.exports = {
	semi: true,
	trailingComma: 'all',
	bracketSpacing: true,
	useTabs: true,
	tabWidth: 2,
	arrowParens: 'always',
	singleQuote: true,
	quoteProps: 'as-needed',
	endOfLine: 'lf',
	printWidth: 100,
};
