// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SmtpMailer.h"

#include "NotifyLog.h"

#include <QCoreApplication>

#include <curl/curl.h>

#include <cstring>

namespace Keepsake {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Keepsake::SmtpMailer", text);
}

struct Upload
{
    QByteArray data;
    qsizetype offset = 0;
};

size_t readUpload(char *buffer, size_t size, size_t count, void *user)
{
    auto *upload = static_cast<Upload *>(user);
    const size_t room = size * count;
    const size_t left = size_t(upload->data.size() - upload->offset);
    const size_t n = left < room ? left : room;
    std::memcpy(buffer, upload->data.constData() + upload->offset, n);
    upload->offset += qsizetype(n);
    return n;
}

// Keeps the server's last reply lines, to show the clerk what it said.
int traceServer(CURL *, curl_infotype type, char *data, size_t size, void *user)
{
    if (type == CURLINFO_HEADER_IN) {
        auto *answer = static_cast<QByteArray *>(user);
        *answer = QByteArray(data, qsizetype(size)).trimmed();
    }
    return 0;
}

// CURLOPT_USE_SSL for the lab's choice: with a user or password set, auto means
// TLS or nothing (CURLUSESSL_TRY would send AUTH in clear to a server without STARTTLS).
long useSsl(const SmtpConfig &config)
{
    if (config.startTls == SmtpConfig::StartTls::Off)
        return long(CURLUSESSL_NONE);
    return long(config.requiresTls() ? CURLUSESSL_ALL : CURLUSESSL_TRY);
}

// One mail's transfer: the buffers libcurl reads from and writes into while it runs.
struct Transfer
{
    Transfer(const SmtpConfig &config, const MailMessage &message)
        : config(config),
          url(QStringLiteral("smtp://%1:%2").arg(config.host).arg(config.port).toUtf8()),
          from("<" + message.from.toUtf8() + ">"),
          to("<" + message.to.toUtf8() + ">"),
          user(config.user.toUtf8()),
          password(config.password.toUtf8()),
          upload { message.toRfc5322(), 0 },
          recipients(curl_slist_append(nullptr, to.constData()))
    {
    }
    ~Transfer() { curl_slist_free_all(recipients); }
    Transfer(const Transfer &) = delete;
    Transfer &operator=(const Transfer &) = delete;

    void apply(CURL *curl)
    {
        curl_easy_setopt(curl, CURLOPT_URL, url.constData());
        curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.constData());
        curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, readUpload);
        curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorText);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, long(config.timeoutSeconds));
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, long(config.timeoutSeconds * 4));
        curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, traceServer);
        curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &answer);
        curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
        curl_easy_setopt(curl, CURLOPT_USE_SSL, useSsl(config));
        if (!user.isEmpty()) {
            curl_easy_setopt(curl, CURLOPT_USERNAME, user.constData());
            curl_easy_setopt(curl, CURLOPT_PASSWORD, password.constData());
        }
    }

    const SmtpConfig &config;
    const QByteArray url;
    const QByteArray from;
    const QByteArray to;
    const QByteArray user;
    const QByteArray password;
    Upload upload;
    curl_slist *recipients = nullptr;
    QByteArray answer;
    char errorText[CURL_ERROR_SIZE] = {};
};

} // namespace

SmtpConfig::StartTls SmtpConfig::startTlsFromName(const QString &name)
{
    if (name == QLatin1String("required"))
        return StartTls::Required;
    if (name == QLatin1String("off"))
        return StartTls::Off;
    return StartTls::Auto;
}

bool SmtpConfig::requiresTls() const
{
    return startTls == StartTls::Required || (startTls == StartTls::Auto && hasCredentials());
}

struct SmtpMailer::Handle
{
    CURL *curl = nullptr;
    ~Handle()
    {
        if (curl)
            curl_easy_cleanup(curl);
    }
};

SmtpMailer::SmtpMailer(SmtpConfig config) : m_config(std::move(config)), m_handle(std::make_unique<Handle>())
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

SmtpMailer::~SmtpMailer()
{
    m_handle.reset();
    curl_global_cleanup();
}

// Where the server offers no STARTTLS and TLS is required: what happened, what to do.
QString SmtpMailer::noEncryption(const MailMessage &message) const
{
    const QString server = QStringLiteral("%1:%2").arg(m_config.host).arg(m_config.port);
    if (m_config.startTls == SmtpConfig::StartTls::Required)
        return tr("The mail to %1 was not sent: the mail server %2 offers no encryption (no STARTTLS), and "
                  "smtp.starttls is required. Use a mail server with STARTTLS, or change smtp.starttls.")
            .arg(message.to, server);
    return tr("The mail to %1 was not sent: the mail server %2 offers no encryption (no STARTTLS), and the "
              "password is not sent in clear. Set smtp.starttls off to allow it, or use a mail server with STARTTLS.")
        .arg(message.to, server);
}

Status SmtpMailer::send(const MailMessage &message)
{
    if (m_config.host.isEmpty())
        return Error::failure(tr("No mail server is configured; set one with keepsakectl config set smtp.host HOST."));
    if (!m_handle->curl)
        m_handle->curl = curl_easy_init();
    CURL *curl = m_handle->curl;
    if (!curl)
        return Error::failure(tr("libcurl could not start a mail transfer."));
    curl_easy_reset(curl);

    Transfer transfer(m_config, message);
    transfer.apply(curl);
    const CURLcode code = curl_easy_perform(curl);
    if (code == CURLE_OK) {
        qCDebug(lcNotify) << "Mail" << message.messageId << "to" << message.to << "accepted:" << transfer.answer;
        return Status::success();
    }
    if (code == CURLE_USE_SSL_FAILED && m_config.requiresTls()) {
        qCWarning(lcNotify) << "Mail server" << m_config.host << "offers no STARTTLS; nothing sent";
        return Error::failure(noEncryption(message));
    }
    const QString what = QString::fromUtf8(transfer.errorText[0] ? transfer.errorText : curl_easy_strerror(code));
    const QString server = QString::fromUtf8(transfer.answer);
    return Error::failure(tr("The mail to %1 could not be sent through %2:%3: %4%5")
                              .arg(message.to, m_config.host)
                              .arg(m_config.port)
                              .arg(what, server.isEmpty() ? QString() : tr(" (the server said: %1)").arg(server)));
}

} // namespace Keepsake
