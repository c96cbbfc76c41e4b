#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro cast that Swift cannot import; binding code
// needs it so SQLite copies text and blobs before the Swift buffer goes away.
static inline sqlite3_destructor_type csqlite_transient(void) {
    return (sqlite3_destructor_type)-1;
}
