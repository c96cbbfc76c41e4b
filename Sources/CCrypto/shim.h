#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/err.h>

/*
 * Returns a decoder of PEM public keys. The decoder keeps the input type's
 * pointer, not a copy, so the type must be a C literal. A Swift string
 * argument is a temporary copy that is freed when the call returns, and
 * the decoder then compared freed memory with "PEM".
 */
static inline OSSL_DECODER_CTX *ledger_pem_public_key_decoder(EVP_PKEY **key) {
    return OSSL_DECODER_CTX_new_for_pkey(key, "PEM", NULL, NULL, EVP_PKEY_PUBLIC_KEY, NULL, NULL);
}
