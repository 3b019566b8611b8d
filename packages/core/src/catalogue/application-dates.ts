/**
 * The dates from which the obligations in the catalogue apply (Art. 71(2) of Regulation (EU)
 * 2024/2847). The Regulation entered into force on 10 December 2024 (Art. 71(1)) but its
 * obligations apply later: Article 14 reporting from 11 September 2026, everything else in
 * this catalogue (Annex I, Article 13, Annexes II, V, VI and VII) from 11 December 2027.
 *
 * Chapter IV (notified bodies, Arts 35–51) applies from 11 June 2026 but has no entry here.
 */

/**
 * General date of application, for every catalogue entry except Article 14 (Art. 71(2), first
 * subparagraph).
 * @internal
 */
export const GENERAL_APPLICATION_DATE = '2027-12-11';

/**
 * Date from which the Article 14 reporting obligations apply (Art. 71(2), second subparagraph).
 * They also cover products placed on the market before 11 December 2027 (Art. 69(3)).
 * @internal
 */
export const REPORTING_APPLICATION_DATE = '2026-09-11';
