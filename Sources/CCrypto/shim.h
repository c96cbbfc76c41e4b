#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/err.h>

/* EVP_PKEY_PUBLIC_KEY combines other macros, which Swift does not import. */
static const int ledger_select_public_key = EVP_PKEY_PUBLIC_KEY;
