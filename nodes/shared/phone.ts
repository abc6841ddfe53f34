/**
 * Phone numbers as people paste them: spaces, dashes, dots, parentheses, and a leading "+" or "00"
 * for the international form. Anything else (letters, emoji, digits of other scripts) is refused.
 */
export interface PastedNumber {
	/** The ASCII digits, without "+" or the "00" international prefix. */
	digits: string;
	/** Whether the person wrote it in international form ("+…" or "00…"). */
	international: boolean;
}

const PASTED_NUMBER = /^\+?[0-9 ().\-\u00a0]+$/;

export function readPastedNumber(raw: unknown): PastedNumber | undefined {
	if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0) raw = String(raw);
	if (typeof raw !== 'string') return undefined;
	const text = raw.trim();
	if (text.length > 40 || !PASTED_NUMBER.test(text)) return undefined;
	const digits = text.replace(/\D/g, '');
	if (digits === '') return undefined;
	if (text.startsWith('+')) return { digits, international: true };
	if (digits.startsWith('00')) return { digits: digits.slice(2), international: true };
	return { digits, international: false };
}

/** E.164 allows 8 to 15 digits, never starting with 0. */
export function isInternationalDigits(digits: string): boolean {
	return /^[1-9][0-9]{7,14}$/.test(digits);
}

/**
 * International digits without "+", from "+…", "00…" or bare international digits. A number in
 * local form (a single leading 0) cannot be turned into an international one without guessing.
 */
export function toInternationalDigits(raw: unknown): string | undefined {
	const pasted = readPastedNumber(raw);
	if (pasted === undefined) return undefined;
	return isInternationalDigits(pasted.digits) ? pasted.digits : undefined;
}

/**
 * A national number of one country, from international or local input. `countryCode` is the
 * country's calling code ("90"); `nationalNumber` is the pattern of the number after it.
 */
export function toNationalNumber(
	raw: unknown,
	{ countryCode, nationalNumber }: { countryCode: string; nationalNumber: RegExp },
): string | undefined {
	const pasted = readPastedNumber(raw);
	if (pasted === undefined) return undefined;
	let digits = pasted.digits;
	if (pasted.international) {
		if (!digits.startsWith(countryCode)) return undefined;
		digits = digits.slice(countryCode.length);
	} else if (digits.startsWith('0')) {
		digits = digits.slice(1);
	} else if (
		digits.startsWith(countryCode) &&
		nationalNumber.test(digits.slice(countryCode.length))
	) {
		digits = digits.slice(countryCode.length);
	}
	return nationalNumber.test(digits) ? digits : undefined;
}
