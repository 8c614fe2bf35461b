/* ini.h — reading INI files (config and templates) safely.
 *
 * The one module that talks to iniparser.  Before iniparser sees a file,
 * the raw text is checked here: a UTF-8 byte-order mark is stripped; invalid
 * UTF-8, NUL bytes, control characters, lines longer than INI_MAX_LINE
 * bytes, duplicate sections, duplicate keys within a section, keys outside
 * any section, and values iniparser would cut short or lose silently (an
 * unquoted ';' or '#', text after a closing quote, a missing closing quote)
 * are refused.  The line of every section and key is recorded, so callers
 * can name "FILE:LINE" in their own messages.
 *
 * Section and key names are folded to lower case (ASCII only), as iniparser
 * does; look-ups are case-insensitive.  Sections and keys are iterated in
 * file order.  All errors: NULL + ev_seterr("FILE:LINE: what"), where FILE
 * is the label the caller gave (the path the user named).
 */
#ifndef EXITVIEW_INI_H
#define EXITVIEW_INI_H

#include <stddef.h>

#define INI_MAX_LINE 1022   /* bytes per line, without the newline */

typedef struct ini ini;

/* Open path (no symlink, a regular file) and load it; the path is the label.
 * iniparser parses the checked text as well (through /proc/self/fd) and
 * must read every value alike. */
ini *ini_load_file(const char *path);
/* Load text[0..len); label names it in messages ("built-in config.ini").
 * Read by ini.c alone, without iniparser: needs no /proc (the built-in
 * files; the tests check that iniparser reads them alike). */
ini *ini_load_mem(const char *label, const char *text, size_t len);
void ini_free(ini *f);

/* The label: the path given to ini_load_file, or ini_load_mem's label. */
const char *ini_label(const ini *f);
/* Physical lines in the file (0 for an empty file). */
int ini_nlines(const ini *f);

/* The value of section/key, or NULL if absent.  An empty value is "". */
const char *ini_get(const ini *f, const char *section, const char *key);
/* Line of the key (key != NULL) or of the section header (key == NULL);
 * 0 if there is no such section or key. */
int ini_line(const ini *f, const char *section, const char *key);

/* Sections in file order: index 0 .. ini_nsections()-1. */
int ini_nsections(const ini *f);
const char *ini_section_name(const ini *f, int sec);   /* lower case */
int ini_section_line(const ini *f, int sec);
/* Index of a section by name (case-insensitive), or -1. */
int ini_find_section(const ini *f, const char *section);

/* Keys of section sec in file order: index 0 .. ini_nkeys(f, sec)-1. */
int ini_nkeys(const ini *f, int sec);
const char *ini_key_name(const ini *f, int sec, int key);    /* lower case */
int ini_key_line(const ini *f, int sec, int key);
const char *ini_key_value(const ini *f, int sec, int key);

#endif
