// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "MailMessage.h"
#include "base/Error.h"

#include <QString>

#include <memory>

namespace Keepsake {

// How to reach the lab's mail server (the smtp.* settings).
struct SmtpConfig
{
    // Auto: STARTTLS when the server offers it, except that a user or password is
    // only ever sent over TLS; Required: TLS always; Off: never, AUTH in clear too
    // (the lab's explicit choice).
    enum class StartTls { Auto, Required, Off };

    QString host;          // empty: no mail server configured
    int port = 25;
    StartTls startTls = StartTls::Auto;
    QString user;
    QString password;
    QString from;
    int timeoutSeconds = 30;

    static StartTls startTlsFromName(const QString &name);
    bool hasCredentials() const { return !user.isEmpty() || !password.isEmpty(); }
    // Whether a connection without TLS is refused: required, or auto with credentials.
    bool requiresTls() const;
};

// Sends mails over SMTP through libcurl, TLS by STARTTLS as SmtpConfig says; AUTH
// when a user is set. One connection is reused for the mails of a run.
class SmtpMailer
{
public:
    explicit SmtpMailer(SmtpConfig config);
    ~SmtpMailer();
    SmtpMailer(const SmtpMailer &) = delete;
    SmtpMailer &operator=(const SmtpMailer &) = delete;

    const SmtpConfig &config() const { return m_config; }
    // On failure the error carries what libcurl said and the server's last answer;
    // a server that offers no STARTTLS where TLS is required is named as such.
    Status send(const MailMessage &message);

private:
    QString noEncryption(const MailMessage &message) const;

    struct Handle;
    SmtpConfig m_config;
    std::unique_ptr<Handle> m_handle;
};

} // namespace Keepsake
