// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceClient.h"

#include "NetLog.h"
#include "ServiceProtocol.h"
#include "lab/DeviceIdentity.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace Keepsake {

namespace {

constexpr long ConnectTimeoutMs = 10'000;
// An answer larger than this is refused (a piece of a photo is 8 MiB).
constexpr qsizetype MaxAnswerBytes = ServiceProtocol::ChunkBytes + (qsizetype(1) << 20);

Result<QJsonValue> parse(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return QJsonValue();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return Error::failure(DeviceClient::tr("The device answered something that is not JSON."));
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

} // namespace

// One request: what goes out, what comes back, and what the pin check saw.
struct DeviceClient::Transfer
{
    const QByteArray *body = nullptr;
    qsizetype sent = 0;
    QByteArray answer;
    bool tooLarge = false;
    const CancelToken *cancel = nullptr;
    const CancelToken *alsoCancel = nullptr;
    QString expected;   // the pinned fingerprint
    QString shown;      // the fingerprint the device showed, when it was another

    static size_t write(char *data, size_t size, size_t count, void *self)
    {
        auto *transfer = static_cast<Transfer *>(self);
        if (transfer->answer.size() + qsizetype(size * count) > MaxAnswerBytes) {
            transfer->tooLarge = true;
            return 0;
        }
        transfer->answer.append(data, qsizetype(size * count));
        return size * count;
    }
    static size_t read(char *buffer, size_t size, size_t count, void *self)
    {
        auto *transfer = static_cast<Transfer *>(self);
        const qsizetype n = std::min<qsizetype>(qsizetype(size * count), transfer->body->size() - transfer->sent);
        std::memcpy(buffer, transfer->body->constData() + transfer->sent, size_t(n));
        transfer->sent += n;
        return size_t(n);
    }
    static int progress(void *self, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
    {
        const auto *transfer = static_cast<Transfer *>(self);
        return (transfer->cancel && transfer->cancel->isCancelled())
                || (transfer->alsoCancel && transfer->alsoCancel->isCancelled()) ? 1 : 0;
    }
    // Replaces OpenSSL's certificate check: the device's certificate is trusted when,
    // and only when, its SHA-256 is the pinned one.
    static int verify(X509_STORE_CTX *store, void *self)
    {
        auto *transfer = static_cast<Transfer *>(self);
        X509 *leaf = X509_STORE_CTX_get0_cert(store);
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        if (!leaf || X509_digest(leaf, EVP_sha256(), digest, &length) != 1)
            return 0;
        const QString shown = QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
        if (shown == transfer->expected)
            return 1;
        transfer->shown = shown;
        X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REJECTED);
        return 0;
    }
    static CURLcode setUpTls(CURL *, void *sslContext, void *self)
    {
        SSL_CTX_set_cert_verify_callback(static_cast<SSL_CTX *>(sslContext), &Transfer::verify, self);
        return CURLE_OK;
    }
};

struct DeviceClient::Handle
{
    CURL *curl = nullptr;
    Handle() { curl_global_init(CURL_GLOBAL_DEFAULT); }
    ~Handle()
    {
        if (curl)
            curl_easy_cleanup(curl);
        curl_global_cleanup();
    }
};

DeviceClient::DeviceClient(DeviceEndpoint endpoint, const CancelToken *cancel)
    : m_endpoint(std::move(endpoint)), m_cancel(cancel), m_handle(std::make_unique<Handle>())
{
    m_endpoint.fingerprint = DeviceIdentity::normalizedFingerprint(m_endpoint.fingerprint);
}

DeviceClient::~DeviceClient() = default;

QString DeviceClient::where() const
{
    return m_endpoint.url.toString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery);
}

QUrl DeviceClient::urlFor(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_endpoint.url;
    url.setPath(QLatin1String(ServiceProtocol::ApiPrefix) + path);
    url.setQuery(query);
    return url;
}

namespace {

// Every option of one request; the headers list is the caller's to free.
curl_slist *configure(CURL *curl, const QByteArray &address, char *errors, DeviceClient::Transfer &transfer,
                      const DeviceEndpoint &endpoint, int timeoutMs)
{
    curl_easy_setopt(curl, CURLOPT_URL, address.constData());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_1_1));
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errors);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, ConnectTimeoutMs);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, long(std::max(1, timeoutMs / 1000)));
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);   // the pinned certificate is the device, whatever its names
    curl_easy_setopt(curl, CURLOPT_SSL_CTX_FUNCTION, &DeviceClient::Transfer::setUpTls);
    curl_easy_setopt(curl, CURLOPT_SSL_CTX_DATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_SSL_SESSIONID_CACHE, 0L);   // every handshake shows the certificate
    if (!endpoint.certificatePem.isEmpty()) {
        curl_blob certificate { const_cast<char *>(endpoint.certificatePem.constData()),
                                size_t(endpoint.certificatePem.size()), CURL_BLOB_COPY };
        curl_blob key { const_cast<char *>(endpoint.keyPem.constData()), size_t(endpoint.keyPem.size()), CURL_BLOB_COPY };
        curl_easy_setopt(curl, CURLOPT_SSLCERT_BLOB, &certificate);
        curl_easy_setopt(curl, CURLOPT_SSLKEY_BLOB, &key);
    }
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &DeviceClient::Transfer::write);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &DeviceClient::Transfer::progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &transfer);
    curl_slist *headers = curl_slist_append(nullptr, "Expect:");   // QHttpServer sends no 100 Continue
    if (!endpoint.token.isEmpty())
        headers = curl_slist_append(headers, QByteArray("Authorization: Bearer " + endpoint.token.toLatin1()).constData());
    if (!endpoint.session.isEmpty())
        headers = curl_slist_append(headers, QByteArray(QByteArray(ServiceProtocol::SessionHeader) + ": "
                                                        + endpoint.session.toLatin1()).constData());
    return headers;
}

// What a POST or PUT sends: the body, read by libcurl from the transfer.
void setBody(CURL *curl, bool post, DeviceClient::Transfer &transfer)
{
    curl_easy_setopt(curl, post ? CURLOPT_POST : CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, post ? CURLOPT_POSTFIELDSIZE_LARGE : CURLOPT_INFILESIZE_LARGE,
                     curl_off_t(transfer.body->size()));
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, &DeviceClient::Transfer::read);
    curl_easy_setopt(curl, CURLOPT_READDATA, &transfer);
}

} // namespace

Result<QByteArray> DeviceClient::exchange(Verb verb, const QUrl &url, const QByteArray &body, const QByteArray &contentType)
{
    if (m_endpoint.fingerprint.isEmpty())
        return Error::usage(tr("The device's certificate fingerprint is missing or malformed: give the 64 hex "
                               "digits that device init or terminal add printed (--fingerprint)."));
    if ((m_cancel && m_cancel->isCancelled()) || (m_alsoCancel && m_alsoCancel->isCancelled()))
        return Error::cancelled(tr("Cancelled."));
    if (!m_handle->curl && !(m_handle->curl = curl_easy_init()))
        return Error::failure(tr("libcurl could not start a transfer."));
    CURL *curl = m_handle->curl;
    curl_easy_reset(curl);   // keeps the open connection
    Transfer transfer;
    transfer.body = &body;
    transfer.cancel = m_cancel;
    transfer.alsoCancel = m_alsoCancel;
    transfer.expected = m_endpoint.fingerprint;
    char errors[CURL_ERROR_SIZE] = {};
    curl_slist *headers = configure(curl, url.toEncoded(), errors, transfer, m_endpoint, m_timeoutMs);
    if (!contentType.isEmpty())
        headers = curl_slist_append(headers, QByteArray("Content-Type: " + contentType).constData());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    if (verb == Verb::Delete)
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "DELETE");
    else if (verb != Verb::Get)
        setBody(curl, verb == Verb::Post, transfer);
    m_answered = false;
    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    m_answered = code == CURLE_OK && status > 0;
    if (!transfer.shown.isEmpty())
        return Error::failure(tr("The device at %1 shows a certificate with fingerprint %2, not the pinned %3: nothing "
                                 "was sent. Check the device's address and fingerprint (keepsakectl device list on the "
                                 "device).").arg(where(), transfer.shown, m_endpoint.fingerprint));
    if (code == CURLE_ABORTED_BY_CALLBACK)
        return Error::cancelled(tr("Cancelled."));
    if (transfer.tooLarge)
        return Error::failure(tr("The device at %1 answered more than a client takes.").arg(where()));
    if (code != CURLE_OK)
        return Error::failure(tr("The device at %1 cannot be reached: %2.")
                                  .arg(where(), QString::fromUtf8(errors[0] ? errors : curl_easy_strerror(code))));
    return answerOf(int(status), transfer.answer);
}

Result<QByteArray> DeviceClient::answerOf(int status, const QByteArray &answer) const
{
    if (status == 401)
        return Error::refused(tr("The device at %1 refused this terminal: %2 Pair it again (keepsakectl terminal "
                                 "add on the device) and use the new token.")
                                  .arg(where(), ServiceProtocol::errorFrom(status, answer).message()));
    if (status >= 300)
        return ServiceProtocol::errorFrom(status, answer);
    return answer;
}

Status DeviceClient::health()
{
    QUrl url = m_endpoint.url;
    url.setPath(QLatin1String(ServiceProtocol::HealthPath));
    const Result<QByteArray> answer = exchange(Verb::Get, url, {}, {});
    return answer ? Status::success() : Status(answer.error());
}

Result<QJsonValue> DeviceClient::get(const QString &path, const QUrlQuery &query)
{
    Result<QByteArray> bytes = exchange(Verb::Get, urlFor(path, query), {}, {});
    return bytes ? parse(*bytes) : Result<QJsonValue>(bytes.error());
}

Result<QJsonValue> DeviceClient::post(const QString &path, const QJsonObject &body)
{
    Result<QByteArray> bytes = exchange(Verb::Post, urlFor(path, {}), QJsonDocument(body).toJson(QJsonDocument::Compact),
                                        "application/json");
    return bytes ? parse(*bytes) : Result<QJsonValue>(bytes.error());
}

Result<QJsonValue> DeviceClient::put(const QString &path, const QUrlQuery &query, const QByteArray &bytes)
{
    Result<QByteArray> answer = exchange(Verb::Put, urlFor(path, query), bytes, "application/octet-stream");
    return answer ? parse(*answer) : Result<QJsonValue>(answer.error());
}

Result<QByteArray> DeviceClient::download(const QString &path, const QUrlQuery &query)
{
    return exchange(Verb::Get, urlFor(path, query), {}, {});
}

Result<QJsonValue> DeviceClient::remove(const QString &path)
{
    Result<QByteArray> bytes = exchange(Verb::Delete, urlFor(path, {}), {}, {});
    return bytes ? parse(*bytes) : Result<QJsonValue>(bytes.error());
}

} // namespace Keepsake
