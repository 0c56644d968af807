// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "NoticeDelivery.h"

#include "NotifyLog.h"
#include "base/Clock.h"
#include "base/Time.h"
#include "catalog/AuditLog.h"
#include "catalog/Catalog.h"
#include "catalog/Settings.h"
#include "catalog/SqlQuery.h"
#include "catalog/WebLinks.h"

#include <QJsonObject>
#include <QUuid>

namespace Keepsake {

NoticeDelivery::NoticeDelivery(const Catalog &catalog, const Clock &clock)
    : m_catalog(catalog), m_clock(clock), m_name(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

qint64 NoticeDelivery::backoffSeconds(int attempts)
{
    qint64 seconds = 300;
    for (int i = 1; i < attempts && seconds < 12 * 3600; ++i)
        seconds *= 2;
    return qMin<qint64>(seconds, 12 * 3600);
}

Result<SmtpConfig> NoticeDelivery::smtpConfig(const Catalog &catalog)
{
    const Settings settings(catalog);
    SmtpConfig config;
    for (const char *key : { "smtp.host", "smtp.user", "smtp.password", "smtp.from", "smtp.starttls" }) {
        const Result<QString> value = settings.value(QString::fromLatin1(key));
        if (!value)
            return value.error();
    }
    config.host = settings.value(QStringLiteral("smtp.host")).value().trimmed();
    const Result<int> port = settings.intValue(QStringLiteral("smtp.port"));
    if (!port)
        return port.error();
    config.port = *port;
    config.startTls = SmtpConfig::startTlsFromName(settings.value(QStringLiteral("smtp.starttls")).value());
    config.user = settings.value(QStringLiteral("smtp.user")).value();
    config.password = settings.value(QStringLiteral("smtp.password")).value();
    config.from = settings.value(QStringLiteral("smtp.from")).value().trimmed();
    return config;
}

Result<bool> NoticeDelivery::claim(const Notice &notice, bool everything)
{
    const QDateTime now = m_clock.now();
    SqlQuery update(m_catalog.db(), QStringLiteral(
        "UPDATE notices SET state = 'sending', attempts = attempts + 1, claimed_by = :me, claimed_until = :until "
        "WHERE id = :id AND channel = 'mail' AND ("
        "  (state = 'queued' AND (:everything = 1 OR next_attempt_at <= :now))"
        "  OR (state = 'sending' AND (claimed_until IS NULL OR claimed_until <= :now2))"
        "  OR (state = 'failed' AND :everything2 = 1))"));
    update.bind(QStringLiteral(":me"), m_name)
        .bind(QStringLiteral(":until"), toCatalogTime(now.addSecs(ClaimSeconds)))
        .bind(QStringLiteral(":id"), notice.id)
        .bind(QStringLiteral(":everything"), everything ? 1 : 0)
        .bind(QStringLiteral(":everything2"), everything ? 1 : 0)
        .bind(QStringLiteral(":now"), toCatalogTime(now))
        .bind(QStringLiteral(":now2"), toCatalogTime(now));
    if (Status status = update.exec(); !status)
        return status.error();
    return update.affectedRows() == 1;
}

Status NoticeDelivery::markDone(const Notice &notice, const Status &sent, int attempts)
{
    const QDateTime now = m_clock.now();
    return m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        SqlQuery update(db, QStringLiteral(
            "UPDATE notices SET state = :state, next_attempt_at = :next, last_error = :error, "
            "done_at = :done, claimed_by = NULL, claimed_until = NULL WHERE id = :id AND claimed_by = :me"));
        const bool gaveUp = !sent && attempts >= MaxAttempts;
        update.bind(QStringLiteral(":state"), sent ? QStringLiteral("sent") : gaveUp ? QStringLiteral("failed") : QStringLiteral("queued"))
            .bind(QStringLiteral(":next"), nullIfEmpty(sent || gaveUp ? QString() : toCatalogTime(now.addSecs(backoffSeconds(attempts)))))
            .bind(QStringLiteral(":error"), nullIfEmpty(sent ? QString() : sent.error().message()))
            .bind(QStringLiteral(":done"), nullIfEmpty(sent ? toCatalogTime(now) : QString()))
            .bind(QStringLiteral(":id"), notice.id)
            .bind(QStringLiteral(":me"), m_name);
        if (Status status = update.exec(); !status)
            return status;
        QJsonObject details { { QStringLiteral("notice"), notice.id },
                              { QStringLiteral("kind"), NoticeEvent::kindName(notice.kind) },
                              { QStringLiteral("date"), toCatalogDate(notice.eventDate) },
                              { QStringLiteral("to"), notice.email },
                              { QStringLiteral("message_id"), notice.messageId },
                              { QStringLiteral("attempt"), attempts } };
        if (!sent)
            details.insert(QStringLiteral("error"), sent.error().message());
        return AuditLog::record(db, { 0, now, QStringLiteral("notify"),
                                      sent ? QStringLiteral("notice_sent") : QStringLiteral("notice_failed"),
                                      notice.customerId, notice.albumId, details });
    });
}

QString NoticeDelivery::mailBody(const Notice &notice) const
{
    const Result<QString> filled = WebLinks(m_catalog).fillMailBody(notice.body, notice.customerId, notice.email,
                                                                    notice.id, m_clock.now());
    if (filled)
        return *filled;
    qCWarning(lcNotify) << "Notice" << notice.id << "goes without its link to the web page:" << filled.error().message();
    QStringList lines = notice.body.split(QLatin1Char('\n'));
    lines.removeIf([](const QString &line) { return line.contains(QLatin1String(WebLinks::Placeholder)); });
    return lines.join(QLatin1Char('\n'));
}

Result<NoticeDelivery::Report> NoticeDelivery::deliver(bool everything, const CancelToken &cancel)
{
    return run(everything, {}, cancel);
}

Result<NoticeDelivery::Report> NoticeDelivery::deliverForAlbums(const QList<qint64> &albumIds, const CancelToken &cancel)
{
    if (albumIds.isEmpty())
        return Report();
    return run(true, albumIds, cancel);
}

Result<NoticeDelivery::Report> NoticeDelivery::run(bool everything, const QList<qint64> &albumIds,
                                                   const CancelToken &cancel)
{
    Report report;
    const Result<SmtpConfig> config = smtpConfig(m_catalog);
    if (!config)
        return config.error();
    const Result<QList<Notice>> due = NoticeOutbox::mailsToSend(m_catalog.db(), m_clock.now(),
                                                                everything || config->host.isEmpty(), albumIds);
    if (!due)
        return due.error();
    if (config->host.isEmpty()) {
        report.noServer = true;
        report.waiting = int(due->size());
        return report;
    }
    const Result<QString> labName = Settings(m_catalog).value(QStringLiteral("lab.name"));
    SmtpMailer mailer(*config);
    for (const Notice &notice : *due) {
        if (cancel.isCancelled())
            return Error::cancelled(tr("Delivery of the notices was cancelled; the rest stay queued."));
        const Result<bool> mine = claim(notice, everything);
        if (!mine)
            return mine.error();
        if (!*mine) {
            qCDebug(lcNotify) << "Notice" << notice.id << "is being delivered by another deliverer";
            continue;
        }
        if (m_claimedHook)
            m_claimedHook(notice);
        MailMessage mail { config->from, labName ? *labName : QString(), notice.email, QString(),
                           notice.subject, mailBody(notice), notice.messageId, m_clock.now() };
        const Status sent = mailer.send(mail);
        if (Status status = markDone(notice, sent, notice.attempts + 1); !status)
            return status.error();
        Outcome outcome { notice, sent.ok(), sent ? QString() : sent.error().message() };
        sent ? ++report.sent : ++report.failed;
        if (!sent)
            qCWarning(lcNotify) << "Notice" << notice.id << "not delivered:" << outcome.error;
        report.outcomes.append(outcome);
    }
    const Result<QList<Notice>> later = NoticeOutbox::mails(m_catalog.db(), { QStringLiteral("queued") }, albumIds);
    if (later)
        report.waiting = int(later->size());
    return report;
}

} // namespace Keepsake
