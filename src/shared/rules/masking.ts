/** Masking for anything printed for the public (domain.md §11). */

/** `110105********002X`: first 6, eight stars, last 4. */
export function maskIdNumber(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** `138****8000`: first 3 and last 4 of a mobile number. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** Bank accounts show only their last 4 digits, even on internal screens. */
export function maskBankAccount(account: string): string {
  if (account.length <= 4) return account;
  return `${'*'.repeat(account.length - 4)}${account.slice(-4)}`;
}
