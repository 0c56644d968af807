// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ContentDigests.h"

#include <openssl/evp.h>

namespace Keepsake {

namespace {

QString finishHex(EVP_MD_CTX *context)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context, digest, &length);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
}

} // namespace

struct ContentDigests::Contexts
{
    EVP_MD_CTX *sha256 = EVP_MD_CTX_new();
    EVP_MD_CTX *md5 = EVP_MD_CTX_new();
    ~Contexts()
    {
        EVP_MD_CTX_free(sha256);
        EVP_MD_CTX_free(md5);
    }
};

ContentDigests::ContentDigests() : m_contexts(std::make_unique<Contexts>())
{
    EVP_DigestInit_ex(m_contexts->sha256, EVP_sha256(), nullptr);
    EVP_DigestInit_ex(m_contexts->md5, EVP_md5(), nullptr);
}

ContentDigests::~ContentDigests() = default;

void ContentDigests::add(const char *data, qsizetype size)
{
    // Both digests walk the same piece while it is still in the CPU's cache.
    EVP_DigestUpdate(m_contexts->sha256, data, size_t(size));
    EVP_DigestUpdate(m_contexts->md5, data, size_t(size));
}

ContentDigests::Hex ContentDigests::finish()
{
    return { finishHex(m_contexts->sha256), finishHex(m_contexts->md5) };
}

} // namespace Keepsake
