// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SmtpMailer.h"

#include "NotifyLog.h"

#include <QCoreApplication>
#include <QLocale>

#include <curl/curl.h>

#include <cstring>

namespace Keepsake {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Keepsake::SmtpMailer", text);
}

bool isPlainAscii(const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

// RFC 2047 encoded-words, kept under the 75-character limit per word.
QByteArray encodedWord(const QString &text)
{
    if (isPlainAscii(text))
        return text.toUtf8();
    QByteArray out;
    QString chunk;
    auto flush = [&] {
        if (chunk.isEmpty())
            return;
        if (!out.isEmpty())
            out += "\r\n ";
        out += "=?UTF-8?B?" + chunk.toUtf8().toBase64() + "?=";
        chunk.clear();
    };
    for (QChar c : text) {
        if (chunk.toUtf8().size() >= 39 && !c.isLowSurrogate())
            flush();
        chunk += c;
    }
    flush();
    return out;
}

QByteArray address(const QString &name, const QString &mail)
{
    if (name.isEmpty())
        return "<" + mail.toUtf8() + ">";
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QLatin1Char('\''));
    return (isPlainAscii(quoted) ? "\"" + quoted.toUtf8() + "\"" : encodedWord(quoted))
        + " <" + mail.toUtf8() + ">";
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

} // namespace

SmtpConfig::StartTls SmtpConfig::startTlsFromName(const QString &name)
{
    if (name == QLatin1String("required"))
        return StartTls::Required;
    if (name == QLatin1String("off"))
        return StartTls::Off;
    return StartTls::Auto;
}

QByteArray MailMessage::toRfc5322() const
{
    QByteArray text;
    const QLocale c = QLocale::c();
    text += "Date: " + c.toString(date.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss")).toLatin1() + " +0000\r\n";
    text += "From: " + address(fromName, from) + "\r\n";
    text += "To: " + address(toName, to) + "\r\n";
    text += "Subject: " + encodedWord(subject) + "\r\n";
    text += "Message-ID: " + messageId.toLatin1() + "\r\n";
    text += "MIME-Version: 1.0\r\n";
    text += "Content-Type: text/plain; charset=UTF-8\r\n";
    text += "Content-Transfer-Encoding: base64\r\n";
    text += "Auto-Submitted: auto-generated\r\n\r\n";
    QString normalized = body;
    normalized.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(QLatin1Char('\n'), QStringLiteral("\r\n"));
    const QByteArray encoded = normalized.toUtf8().toBase64();
    for (qsizetype i = 0; i < encoded.size(); i += 76)
        text += encoded.mid(i, 76) + "\r\n";
    return text;
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

    const QByteArray url = QStringLiteral("smtp://%1:%2").arg(m_config.host).arg(m_config.port).toUtf8();
    const QByteArray from = "<" + message.from.toUtf8() + ">";
    const QByteArray to = "<" + message.to.toUtf8() + ">";
    const QByteArray user = m_config.user.toUtf8();
    const QByteArray password = m_config.password.toUtf8();
    Upload upload { message.toRfc5322(), 0 };
    QByteArray answer;
    char errorText[CURL_ERROR_SIZE] = {};
    curl_slist *recipients = curl_slist_append(nullptr, to.constData());

    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, readUpload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorText);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, long(m_config.timeoutSeconds));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, long(m_config.timeoutSeconds * 4));
    curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, traceServer);
    curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &answer);
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
    switch (m_config.startTls) {
    case SmtpConfig::StartTls::Auto: curl_easy_setopt(curl, CURLOPT_USE_SSL, long(CURLUSESSL_TRY)); break;
    case SmtpConfig::StartTls::Required: curl_easy_setopt(curl, CURLOPT_USE_SSL, long(CURLUSESSL_ALL)); break;
    case SmtpConfig::StartTls::Off: curl_easy_setopt(curl, CURLOPT_USE_SSL, long(CURLUSESSL_NONE)); break;
    }
    if (!user.isEmpty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, password.constData());
    }
    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(recipients);
    if (code == CURLE_OK) {
        qCDebug(lcNotify) << "Mail" << message.messageId << "to" << message.to << "accepted:" << answer;
        return Status::success();
    }
    const QString what = QString::fromUtf8(errorText[0] ? errorText : curl_easy_strerror(code));
    const QString server = QString::fromUtf8(answer);
    return Error::failure(tr("The mail to %1 could not be sent through %2:%3: %4%5")
                              .arg(message.to, m_config.host)
                              .arg(m_config.port)
                              .arg(what, server.isEmpty() ? QString() : tr(" (the server said: %1)").arg(server)));
}

} // namespace Keepsake
