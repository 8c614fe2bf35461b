/* prose.c — deterministic interview-like text (see prose.h). */
#include "prose.h"

#include <stdbool.h>
#include <string.h>

void prng_seed(prng *r, uint64_t seed)
{
	r->s = seed ? seed * 0x9E3779B97F4A7C15ULL : 0x2545F4914F6CDD1DULL;
	if (!r->s)
		r->s = 1;
	for (int i = 0; i < 4; i++)
		prng_next(r);
}

uint64_t prng_next(prng *r)
{
	uint64_t x = r->s;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	r->s = x;
	return x * 0x2545F4914F6CDD1DULL;
}

long prng_range(prng *r, long lo, long hi)
{
	if (hi <= lo)
		return lo;
	uint64_t span = (uint64_t)(hi - lo) + 1;
	return lo + (long)((prng_next(r) >> 11) % span);
}

int prng_chance(prng *r, int percent)
{
	return prng_range(r, 0, 99) < percent;
}

int prng_weighted(prng *r, const int *weights, int n)
{
	long total = 0;
	for (int i = 0; i < n; i++)
		total += weights[i];
	if (total <= 0)
		return (int)prng_range(r, 0, n - 1);
	long x = prng_range(r, 0, total - 1);
	for (int i = 0; i < n; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}

const char *prng_pick(prng *r, const char *const *list, int n)
{
	return list[prng_range(r, 0, n - 1)];
}

#define PICK(r, a) prng_pick((r), (a), (int)EV_ARRAY_LEN(a))

/* ---- English ---- */

static const char *const en_open[] = {
	"She said that", "He explained that", "They mentioned that", "She hesitated, then said that",
	"He was clear that", "She pointed out that", "When asked for an example, he said that",
	"She admitted that", "He repeated that", "Looking back, she felt that",
	"He thought that", "She was careful to add that",
};
static const char *const en_clause[] = {
	"the workload had grown steadily since the reorganisation in the spring",
	"the pay was below what similar roles offer in the region",
	"the team lead rarely had time for one-to-ones",
	"the onboarding was good but nothing followed it after the first months",
	"the new job offers a clear path to a senior role within two years",
	"the commute had become too long after the office moved",
	"ideas were heard in the team but never reached the management group",
	"the training budget had been frozen for two years",
	"the on-call rota always fell on the same three people",
	"the colleagues were the best part of the job",
	"the product direction changed nearly every quarter",
	"there was never any feedback on the promotion application",
	"the flexible hours made a real difference with small children at home",
	"the tools were outdated and slowed everyone down",
	"the first year taught more than any job before it",
	"it was hard to get a hearing for suggested improvements",
	"overtime had become the norm during the autumn",
	"the manager stood up for the team in difficult meetings",
	"the salary review came late and without explanation",
	"the role had drifted far from what was described in the advert",
	"the customers were demanding but the work felt meaningful",
	"the mentoring programme was excellent and should be kept",
	"decisions were taken in meetings nobody from the team attended",
	"the open-plan office made focused work almost impossible",
	"recognition came mostly in private and rarely in front of others",
	"the move to the new system was rushed and poorly explained",
	"nobody asked about the career plan after the first appraisal",
	"the company's values were lived out in the daily work",
};
static const char *const en_join[] = {
	", and ", ", but ", "; ", ", although ", ", and also that ", " because ",
};
static const char *const en_extra[] = {
	"She gave two concrete examples.", "He asked that this be passed on.",
	"This came up twice during the conversation.", "She smiled when talking about the team.",
	"He did not want to go into details.", "She had raised it with HR last year.",
	"He spoke calmly and without bitterness.", "She returned to this point at the end.",
};
static const char *const en_obs[] = {
	"Relaxed and open throughout.", "Hesitated noticeably when the manager came up.",
	"Spoke quickly and looked away during question four.", "Visibly relieved once the formal part was over.",
	"Warm tone about colleagues; flat tone about management.", "Long silence before answering about development.",
	"Crossed arms during the discussion of pay.", "Laughed it off, but came back to it twice.",
};
static const char *const en_act[] = {
	"Follow up with the department head about one-to-ones.",
	"Pass the feedback on the on-call rota to the operations manager.",
	"Review the salary band for this role before recruiting a replacement.",
	"Check whether the training budget can be reopened this year.",
	"Share the praise for the mentoring programme with its organisers.",
	"Ask the team lead to clarify the promotion criteria.",
	"Update the job advert so it matches the real role.",
	"Offer an alumni contact in six months.",
};

/* ---- Swedish ---- */

static const char *const sv_open[] = {
	"Hon berättade att", "Han förklarade att", "De nämnde att", "Hon tvekade, men sa sedan att",
	"Han var tydlig med att", "Hon påpekade att", "På frågan om ett exempel svarade han att",
	"Hon medgav att", "Han upprepade att", "I efterhand kände hon att",
	"Han tyckte att", "Hon lade försiktigt till att",
};
static const char *const sv_clause[] = {
	"arbetsbelastningen hade ökat stadigt sedan omorganisationen i våras",
	"lönen låg under vad liknande tjänster erbjuder i regionen",
	"chefen sällan hade tid för enskilda samtal",
	"introduktionen var bra men att ingen uppföljning kom efter de första månaderna",
	"det nya jobbet erbjuder en tydlig väg till en seniorroll inom två år",
	"pendlingen blev för lång när kontoret flyttade",
	"idéerna hördes i teamet men nådde aldrig ledningsgruppen",
	"utbildningsbudgeten hade varit frusen i två år",
	"jourschemat alltid föll på samma tre personer",
	"kollegorna var det bästa med jobbet",
	"produktens inriktning ändrades nästan varje kvartal",
	"det aldrig kom någon återkoppling på ansökan om befordran",
	"de flexibla arbetstiderna gjorde stor skillnad med små barn hemma",
	"verktygen var föråldrade och sänkte tempot för alla",
	"första året gav mer lärdom än något tidigare jobb",
	"det var svårt att få gehör för förslag på förbättringar",
	"övertid hade blivit det normala under hösten",
	"chefen ställde upp för gruppen på svåra möten",
	"lönerevisionen kom sent och utan förklaring",
	"rollen hade glidit långt från det som stod i annonsen",
	"kunderna var krävande men arbetet kändes meningsfullt",
	"mentorprogrammet var utmärkt och borde behållas",
	"besluten fattades på möten där ingen från gruppen var med",
	"kontorslandskapet gjorde koncentrerat arbete nästan omöjligt",
	"erkännande mest gavs i enrum och sällan inför andra",
	"bytet till det nya systemet gick för fort och förklarades dåligt",
	"ingen frågade om karriärplanen efter första utvecklingssamtalet",
	"företagets värderingar märktes i det dagliga arbetet",
};
static const char *const sv_join[] = {
	", och ", ", men ", "; ", ", även om ", ", och även att ", " eftersom ",
};
static const char *const sv_extra[] = {
	"Hon gav två konkreta exempel.", "Han bad att detta förs vidare.",
	"Det här kom upp två gånger under samtalet.", "Hon log när hon pratade om gruppen.",
	"Han ville inte gå in på detaljer.", "Hon hade tagit upp det med HR förra året.",
	"Han talade lugnt och utan bitterhet.", "Hon återkom till detta i slutet.",
};
static const char *const sv_obs[] = {
	"Avslappnad och öppen hela tiden.", "Tvekade märkbart när chefen kom på tal.",
	"Pratade fort och tittade bort under fråga fyra.", "Synbart lättad när den formella delen var över.",
	"Varm ton om kollegorna; flack ton om ledningen.", "Lång tystnad innan svaret om utveckling.",
	"Korslagda armar när lönen diskuterades.", "Skrattade bort det, men återkom till det två gånger.",
};
static const char *const sv_act[] = {
	"Följ upp enskilda samtal med avdelningschefen.",
	"För vidare synpunkterna på jourschemat till driftchefen.",
	"Se över lönespannet för rollen innan en ersättare rekryteras.",
	"Undersök om utbildningsbudgeten kan öppnas i år.",
	"Dela berömmet för mentorprogrammet med arrangörerna.",
	"Be gruppchefen förtydliga kriterierna för befordran.",
	"Uppdatera annonsen så att den stämmer med den verkliga rollen.",
	"Erbjud alumnikontakt om sex månader.",
};

/* Append s with its first letter capitalised (ASCII and å ä ö). */
static void put_capital(strbuf *sb, const char *s)
{
	unsigned char c = (unsigned char)s[0];
	if (c >= 'a' && c <= 'z') {
		sb_putc(sb, (char)(c - 32));
		sb_puts(sb, s + 1);
	} else if (c == 0xc3 && ((unsigned char)s[1] == 0xa5 || (unsigned char)s[1] == 0xa4 ||
				 (unsigned char)s[1] == 0xb6)) {
		sb_putc(sb, (char)0xc3);
		sb_putc(sb, (char)((unsigned char)s[1] - 0x20));
		sb_puts(sb, s + 2);
	} else {
		sb_puts(sb, s);
	}
}

void prose_notes(strbuf *sb, prng *r, const char *lang, long target)
{
	bool sv = lang && strcmp(lang, "sv") == 0;
	size_t start = sb->len;
	int in_para = 0;
	while ((long)(sb->len - start) < target) {
		if (sb->len > start)
			sb_puts(sb, in_para >= 3 && prng_chance(r, 40) ? "\n\n" : " ");
		if (sb->len > start && sb->s[sb->len - 1] == '\n')
			in_para = 0;
		int kind = (int)prng_range(r, 0, 9);
		if (kind < 6) {
			sb_puts(sb, sv ? PICK(r, sv_open) : PICK(r, en_open));
			sb_putc(sb, ' ');
			sb_puts(sb, sv ? PICK(r, sv_clause) : PICK(r, en_clause));
			if (prng_chance(r, 40)) {
				sb_puts(sb, sv ? PICK(r, sv_join) : PICK(r, en_join));
				sb_puts(sb, sv ? PICK(r, sv_clause) : PICK(r, en_clause));
			}
			sb_putc(sb, '.');
		} else if (kind < 8) {
			put_capital(sb, sv ? PICK(r, sv_clause) : PICK(r, en_clause));
			sb_putc(sb, '.');
		} else {
			sb_puts(sb, sv ? PICK(r, sv_extra) : PICK(r, en_extra));
		}
		in_para++;
	}
}

void prose_observations(strbuf *sb, prng *r, const char *lang)
{
	bool sv = lang && strcmp(lang, "sv") == 0;
	int n = (int)prng_range(r, 1, 3);
	for (int i = 0; i < n; i++) {
		if (i)
			sb_putc(sb, ' ');
		sb_puts(sb, sv ? PICK(r, sv_obs) : PICK(r, en_obs));
	}
}

void prose_actions(strbuf *sb, prng *r, const char *lang)
{
	bool sv = lang && strcmp(lang, "sv") == 0;
	int n = (int)prng_range(r, 1, 3);
	for (int i = 0; i < n; i++) {
		if (i)
			sb_putc(sb, '\n');
		sb_puts(sb, "- ");
		sb_puts(sb, sv ? PICK(r, sv_act) : PICK(r, en_act));
	}
}
