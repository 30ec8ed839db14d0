/**
 * Klaviyo's {@code ?filter=} query parameter, resource-agnostic: parse ({@link
 * dev.openprofile.jsonapi.filter.FilterParser}), check against an endpoint's {@code
 * x-klaviyo-filters} table ({@link dev.openprofile.jsonapi.filter.FilterValidator}), translate to
 * parameterized SQL ({@link dev.openprofile.jsonapi.filter.SqlFilter}). Rules and sources:
 * semantics.md §5.
 *
 * <p>The grammar, over the URL-decoded text ({@code ws} is space, tab, CR or LF, allowed between
 * any two tokens):
 *
 * <pre>
 * filter     = expression *( "," expression )        ; top-level commas mean and(...)
 * expression = and / condition
 * and        = "and" "(" expression *( "," expression ) ")"
 * condition  = operator "(" field [ "," value ] ")"   ; value required, except for has(field) which takes none
 * operator   = 1*( ALPHA / DIGIT / "-" / "_" )        ; must be one of Operator's wire names, case-sensitive
 * field      = ( ALPHA / "_" / "$" ) *( ALPHA / DIGIT / "_" / "$" / "-" / "." )   ; ASCII letters
 * value      = string / array / bare
 * array      = "[" scalar *( "," scalar ) "]"         ; never empty, never nested
 * scalar     = string / bare
 * string     = "'" *( "\" CHAR / not-' ) "'"  /  DQUOTE *( "\" CHAR / not-" ) DQUOTE
 *                                                     ; a backslash makes any next character literal
 * bare       = 1*( any char but ws , ( ) [ ] " ' ), which must be one of (a date, one space and
 *              a time read as one bare value):
 *              "true" / "false" / "null"
 *              number   = [ "-" ] 1*DIGIT [ "." 1*DIGIT ] [ ( "e" / "E" ) [ "+" / "-" ] 1*DIGIT ]
 *                         ; integer without fraction and exponent, else decimal; at most 100 chars
 *              datetime = a form dev.openprofile.jsonapi.Datetime reads: 2012-04-21T11:30:00.5-04:00,
 *                         2024-11-01T00:00:00 (no offset: UTC), 2023-08-15 12:30:00Z, ...
 *              date     = YYYY-MM-DD, meaning midnight UTC
 * </pre>
 *
 * Any other bare word is an unquoted string, which Klaviyo rejects; so are {@code or(...)} and
 * {@code not(...)}. A quoted datetime parses as a string and is accepted where the field is a
 * datetime. {@code and} nests at most {@value dev.openprofile.jsonapi.filter.FilterParser#MAX_DEPTH}
 * deep.
 */
package dev.openprofile.jsonapi.filter;
