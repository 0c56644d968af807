// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestMail.h"

#include "NotifyLog.h"
#include "base/MailAddress.h"

#include <QUuid>

namespace Keepsake {

Status TestMail::send(const SmtpConfig &config, const QString &to, const QString &labName, const QDateTime &now)
{
    if (config.host.trimmed().isEmpty())
        return Error::usage(tr("No mail server is set: enter the mail server's name first."));
    if (const QString problem = MailAddress::problem(to.trimmed()); !problem.isEmpty())
        return Error::usage(tr("The test mail was not sent: \"%1\" is not a usable address (%2).").arg(to, problem));
    if (const QString problem = MailAddress::problem(config.from.trimmed()); !problem.isEmpty())
        return Error::usage(tr("The test mail was not sent: the sender address \"%1\" is not usable (%2).")
                                .arg(config.from, problem));
    const QString domain = MailAddress::domain(config.from);
    const MailMessage mail {
        config.from.trimmed(), labName, to.trimmed(), QString(),
        tr("Test mail from %1").arg(labName),
        tr("This mail was sent from the counter's settings to check that %1 can send its notices through %2.\n"
           "Nothing needs to be done.").arg(labName, config.host),
        QStringLiteral("<keepsake.test.%1@%2>").arg(QUuid::createUuid().toString(QUuid::Id128), domain),
        now,
    };
    SmtpMailer mailer(config);
    const Status sent = mailer.send(mail);
    if (!sent) {
        qCWarning(lcNotify).noquote() << "Test mail to" << to << "not sent:" << sent.error().message();
        return Error(sent.error().kind(), tr("The test mail to %1 was not sent: %2").arg(to, sent.error().message()));
    }
    qCInfo(lcNotify).noquote() << "Test mail sent to" << to << "through" << config.host;
    return Status::success();
}

} // namespace Keepsake
