/* actions.c — the rules of action items (see actions.h). */
#include "exitview/actions.h"

#include <stdlib.h>
#include <string.h>

#include "exitview/date.h"
#include "exitview/interview.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

/* One line of TEXT of at most max characters; what names it in messages. */
static int check_line(const char *s, size_t max, const char *what)
{
	size_t len = strlen(s), bad;
	enum utf8_class c = utf8_check(s, len, 0, &bad);
	if (c != UTF8_TEXT)
		return ev_seterr("the %s holds %s (at byte %zu): give one line of text", what,
				 utf8_class_name(c), bad + 1);
	if (utf8_length(s, len) > max)
		return ev_seterr("the %s is longer than %zu characters", what, max);
	return 0;
}

int action_check_text(const char *text)
{
	if (!str_has_text(text))
		return ev_seterr("an action needs a text");
	return check_line(text, ACTION_MAX_TEXT, "action's text");
}

int action_check_owner(const char *owner)
{
	return check_line(owner ? owner : "", IV_MAX_LINE, "owner");
}

int action_check_due(const char *due)
{
	if (str_empty(due) || date_valid(due))
		return 0;
	return ev_seterr("bad due date '%s': use YYYY-MM-DD", due);
}

bool action_overdue(const iv_action *a, const char *today)
{
	return a->status == ACTION_OPEN && a->due[0] && strcmp(a->due, today) < 0;
}

const char *action_status_name(const iv_action *a, const char *today)
{
	if (a->status == ACTION_DONE)
		return "done";
	return today && action_overdue(a, today) ? "overdue" : "open";
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

char *action_from_line(const char *line, size_t len)
{
	const char *p = line, *end = line + len;
	while (p < end && blank(*p))
		p++;
	static const char *const bullets[] = { "- ", "* ", "[ ] " };
	for (size_t i = 0; i < EV_ARRAY_LEN(bullets); i++) {
		size_t n = strlen(bullets[i]);
		if ((size_t)(end - p) >= n && memcmp(p, bullets[i], n) == 0) {
			p += n;
			break;
		}
	}
	while (p < end && blank(*p))
		p++;
	while (end > p && blank(end[-1]))
		end--;
	return p < end ? xstrndup(p, (size_t)(end - p)) : NULL;
}

void action_clear(iv_action *a)
{
	if (!a)
		return;
	free(a->text);
	free(a->owner);
	a->text = a->owner = NULL;
}

void actions_free(iv_action *v, int n)
{
	for (int i = 0; i < n; i++)
		action_clear(&v[i]);
	free(v);
}
