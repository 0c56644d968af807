// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// keepsakectl expire, notify, purge and serve.
#include "AlbumLookup.h"
#include "Command.h"
#include "net/DeviceService.h"
#include "Commands.h"
#include "base/ByteSize.h"
#include "base/Time.h"
#include "catalog/AuditLog.h"
#include "catalog/Catalog.h"
#include "retention/SweepScheduler.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>

#include <ctime>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ExpiryCommands)
};

QString actor()
{
    return AuditLog::currentActor(QStringLiteral("keepsakectl"));
}

QJsonValue dateJson(const QDate &date)
{
    return date.isValid() ? QJsonValue(toCatalogDate(date)) : QJsonValue();
}

void printChange(Console &console, const SweepChange &c)
{
    QJsonArray told;
    QStringList names;
    for (const NoticeRecipient &r : c.told) {
        told.append(QJsonObject { { QStringLiteral("role"), r.roleName() },
                                  { QStringLiteral("customer"), r.code.isEmpty() ? QJsonValue() : QJsonValue(r.code) },
                                  { QStringLiteral("email"), r.email.isEmpty() ? QJsonValue() : QJsonValue(r.email) } });
        names << r.text();
    }
    const QJsonObject json { { QStringLiteral("album"), c.albumId }, { QStringLiteral("title"), c.title },
                             { QStringLiteral("owner"), c.ownerCode }, { QStringLiteral("action"), SweepChange::actionName(c.action) },
                             { QStringLiteral("from_state"), c.fromState }, { QStringLiteral("state"), c.toState },
                             { QStringLiteral("previous_expires"), dateJson(c.fromDate) },
                             { QStringLiteral("expires"), dateJson(c.toDate) }, { QStringLiteral("photos"), c.photos },
                             { QStringLiteral("reason"), c.reason }, { QStringLiteral("recipients"), told } };
    QString text = Tr::tr("album %1 \"%2\" (%3, %n photo(s)): %4 -> %5, %6", nullptr, c.photos)
                       .arg(c.albumId).arg(c.title, c.ownerCode, c.fromState, c.toState, c.reason);
    if (!names.isEmpty())
        text += Tr::tr("; told: %1").arg(names.join(QStringLiteral(", ")));
    console.item(json, text);
}

void printDelivery(Console &console, const NoticeDelivery::Outcome &o)
{
    const QJsonObject json { { QStringLiteral("notice"), o.notice.id }, { QStringLiteral("album"), o.notice.albumId },
                             { QStringLiteral("kind"), NoticeEvent::kindName(o.notice.kind) },
                             { QStringLiteral("to"), o.notice.email }, { QStringLiteral("sent"), o.sent },
                             { QStringLiteral("message_id"), o.notice.messageId },
                             { QStringLiteral("error"), o.sent ? QJsonValue() : QJsonValue(o.error) } };
    console.item(json, o.sent ? Tr::tr("mailed %1 about album %2").arg(o.notice.email).arg(o.notice.albumId)
                              : Tr::tr("NOT mailed %1 about album %2, stays queued: %3").arg(o.notice.email).arg(o.notice.albumId).arg(o.error));
}

QJsonObject deliverySummary(const NoticeDelivery::Report &d)
{
    return { { QStringLiteral("mail_sent"), d.sent }, { QStringLiteral("mail_failed"), d.failed },
             { QStringLiteral("mail_queued"), d.waiting }, { QStringLiteral("mail_server"), !d.noServer } };
}

class ExpireCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ExpiryCommands)

public:
    QString name() const override { return QStringLiteral("expire"); }
    QString description() const override { return tr("one expiry sweep: notices, expired albums"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl expire [--dry-run]"),
                        tr("Runs one expiry sweep: albums reaching their notice window become expiring and "
                           "owner and viewers are told; albums past their date become expired. Then the mails go out."),
                        QStringLiteral("keepsakectl expire --dry-run"));
        p.addOption({ QStringLiteral("dry-run"), tr("show what would change, change nothing, send nothing") });
        if (auto done = p.parse(context, args))
            return *done;
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        // The command's own time, from the opened catalog to the last mail: the sweep,
        // its commit, the printed changes and the delivery (what bench-expiry.sh compares).
        QElapsedTimer timer;
        timer.start();
        const std::clock_t cpuStart = std::clock();
        const bool dry = p.isSet(QStringLiteral("dry-run"));
        const Result<SweepReport> report = ExpirySweep(lab->catalog(), context.clock).run(dry, actor());
        if (!report)
            return context.fail(report.error());
        for (const SweepChange &change : report->changes) {
            if (dry || change.action != SweepChange::Action::Wait)
                printChange(context.console, change);
        }
        QJsonObject summary { { QStringLiteral("notices"), report->notices }, { QStringLiteral("expired"), report->expired },
                              { QStringLiteral("capped"), report->capped }, { QStringLiteral("waiting"), report->waiting },
                              { QStringLiteral("dry_run"), dry }, { QStringLiteral("sweep_seconds"), report->seconds } };
        const QString waiting = tr("%n album(s) waiting in their notice window", nullptr, report->waiting);
        QString text = dry ? tr("Dry run, nothing changed: %1, %2, %3.")
                                 .arg(tr("%n notice(s)", nullptr, report->notices),
                                      tr("%n album(s) would expire", nullptr, report->expired), waiting)
                           : tr("%1, %2, %3.")
                                 .arg(tr("%n notice(s) issued", nullptr, report->notices),
                                      tr("%n album(s) expired", nullptr, report->expired), waiting);
        int code = ExitDone;
        if (!dry) {
            const Result<NoticeDelivery::Report> delivery = NoticeDelivery(lab->catalog(), context.clock).deliver(false, context.cancel);
            if (!delivery) {
                // The sweep is committed; mail waits in the outbox. Never exit 1 for mail.
                context.console.warning(tr("The notices are queued but were not delivered: %1 Run keepsakectl notify --retry later.")
                                            .arg(delivery.error().message()));
                code = delivery.error().kind() == Error::Kind::Cancelled ? ExitCancelled : ExitPartial;
            } else {
                for (const NoticeDelivery::Outcome &outcome : delivery->outcomes)
                    printDelivery(context.console, outcome);
                const QJsonObject mail = deliverySummary(*delivery);
                for (auto it = mail.constBegin(); it != mail.constEnd(); ++it)
                    summary.insert(it.key(), it.value());
                text += tr(" Mail: %1 sent, %2 failed, %3 queued.").arg(delivery->sent).arg(delivery->failed).arg(delivery->waiting);
                if (delivery->noServer && delivery->waiting > 0)
                    text += tr(" No mail server is configured (smtp.host): the mails stay queued, terminal notices are stored.");
                if (delivery->failed > 0)
                    code = ExitPartial;
            }
        }
        summary.insert(QStringLiteral("seconds"), double(timer.nsecsElapsed()) / 1e9);
        summary.insert(QStringLiteral("cpu_seconds"), double(std::clock() - cpuStart) / CLOCKS_PER_SEC);
        context.console.summary(summary, text);
        return code;
    }
};

class NotifyCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ExpiryCommands)

public:
    QString name() const override { return QStringLiteral("notify"); }
    QString description() const override { return tr("deliver the notices the outbox holds"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl notify [--retry]"),
                        tr("Delivers queued notice mails whose time has come; --retry sends every waiting and "
                           "failed one now."),
                        QStringLiteral("keepsakectl notify --retry"));
        p.addOption({ QStringLiteral("retry"), tr("also mails waiting for their next try, and failed ones") });
        if (auto done = p.parse(context, args))
            return *done;
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Result<NoticeDelivery::Report> delivery =
            NoticeDelivery(lab->catalog(), context.clock).deliver(p.isSet(QStringLiteral("retry")), context.cancel);
        if (!delivery)
            return context.fail(delivery.error());
        for (const NoticeDelivery::Outcome &outcome : delivery->outcomes)
            printDelivery(context.console, outcome);
        QString text = tr("Mail: %1 sent, %2 failed, %3 queued.").arg(delivery->sent).arg(delivery->failed).arg(delivery->waiting);
        if (delivery->noServer && delivery->waiting > 0)
            text += tr(" No mail server is configured: set one with keepsakectl config set smtp.host HOST.");
        context.console.summary(deliverySummary(*delivery), text);
        return delivery->failed > 0 || (delivery->noServer && delivery->waiting > 0) ? ExitPartial : ExitDone;
    }
};

class PurgeCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ExpiryCommands)

public:
    QString name() const override { return QStringLiteral("purge"); }
    QString description() const override { return tr("delete originals past their grace period on a verified disc"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl purge [--album ALBUM] [--dry-run]"),
                        tr("Deletes the stored originals of recorded albums whose disc was verified and whose "
                           "grace period is over. The record of what went on which disc stays."),
                        QStringLiteral("keepsakectl purge --dry-run"));
        p.addOption({ QStringLiteral("album"), tr("only this album (refused, exit 4, when it may not go yet)"), tr("ALBUM") });
        p.addOption({ QStringLiteral("customer"), tr("the album's owner, to name the album by its title"), tr("C") });
        p.addOption({ QStringLiteral("dry-run"), tr("show what would be deleted, delete nothing") });
        if (auto done = p.parse(context, args))
            return *done;
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        std::optional<qint64> albumId;
        if (p.isSet(QStringLiteral("album"))) {
            const Result<AlbumSummary> album = resolveAlbum(*lab, p.value(QStringLiteral("album")), p.value(QStringLiteral("customer")));
            if (!album)
                return context.fail(album.error());
            albumId = album->id;
        }
        const bool dry = p.isSet(QStringLiteral("dry-run"));
        const Result<QList<PurgeItem>> items = Purge(lab->catalog(), lab->store(), context.clock).run(albumId, dry, actor(), context.cancel);
        if (!items)
            return context.fail(items.error());
        int purged = 0;
        qint64 bytes = 0;
        for (const PurgeItem &item : *items) {
            const QJsonObject json { { QStringLiteral("album"), item.albumId }, { QStringLiteral("title"), item.title },
                                     { QStringLiteral("owner"), item.ownerCode }, { QStringLiteral("purge"), item.purge },
                                     { QStringLiteral("reason"), item.reason },
                                     { QStringLiteral("recorded_at"), toCatalogTime(item.recordedAt) },
                                     { QStringLiteral("grace_ends"), toCatalogTime(item.graceEnds) },
                                     { QStringLiteral("files_removed"), item.filesRemoved },
                                     { QStringLiteral("bytes_removed"), item.bytesRemoved } };
            const QString verb = item.purge ? (dry ? tr("would purge") : tr("purged")) : tr("keeps");
            context.console.item(json, tr("album %1 \"%2\" (%3): %4: %5").arg(item.albumId).arg(item.title, item.ownerCode, verb, item.reason));
            purged += item.purge ? 1 : 0;
            bytes += item.purge ? item.bytesRemoved : 0;
        }
        context.console.summary({ { QStringLiteral("purged"), purged }, { QStringLiteral("kept"), int(items->size()) - purged },
                                  { QStringLiteral("bytes"), bytes }, { QStringLiteral("dry_run"), dry } },
                                (dry ? tr("Dry run: %n album(s) would be purged (%1).", nullptr, purged)
                                     : tr("%n album(s) purged (%1 freed).", nullptr, purged)).arg(formatBytes(bytes)));
        return ExitDone;
    }
};

class ServeCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ExpiryCommands)

public:
    QString name() const override { return QStringLiteral("serve"); }
    QString description() const override { return tr("run the sweeps on a timer until stopped"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        CommandParser p(QStringLiteral("keepsakectl serve [--listen HOST:PORT] [--interval SECONDS]"),
                        tr("Runs the expiry sweep, mail delivery and purge now and then every interval, until "
                           "Ctrl-C or SIGTERM. On a device (keepsakectl device init) it also serves the device "
                           "service over HTTPS and forwards photos to the devices that keep them."),
                        QStringLiteral("keepsakectl serve --listen 0.0.0.0:8443 --interval 600"));
        p.addOption({ QStringLiteral("interval"), tr("seconds between rounds (default 3600)"), tr("SECONDS"), QStringLiteral("3600") });
        p.addOption({ QStringLiteral("listen"), tr("address and port to serve on (default: from the device's URL)"),
                      tr("HOST:PORT") });
        if (auto done = p.parse(context, args))
            return *done;
        bool ok = false;
        const double seconds = p.value(QStringLiteral("interval")).toDouble(&ok);
        if (!ok || seconds < 0.05 || seconds > 7 * 86400)
            return context.fail(Error::usage(tr("--interval takes a number of seconds from 0.05 to 604800.")));
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        std::unique_ptr<DeviceService> service;
        if (lab->device() || p.isSet(QStringLiteral("listen"))) {
            const Result<std::pair<QHostAddress, quint16>> listen = listenAddress(*lab, p.value(QStringLiteral("listen")));
            if (!listen)
                return context.fail(listen.error());
            service = std::make_unique<DeviceService>(*lab);
            const Result<quint16> port = service->start(listen->first, listen->second);
            if (!port)
                return context.fail(port.error());
            const QString address = QStringLiteral("https://%1:%2/").arg(listen->first.toString()).arg(*port);
            context.console.item({ { QStringLiteral("serving"), address }, { QStringLiteral("device"), lab->device()->name },
                                   { QStringLiteral("fingerprint"), lab->device()->fingerprint } },
                                 tr("Device %1 serves on %2 (fingerprint %3).")
                                     .arg(lab->device()->name, address, lab->device()->fingerprint));
        }
        SweepScheduler scheduler(*lab, AuditLog::currentActor(QStringLiteral("serve")));
        QEventLoop loop;
        QObject::connect(&scheduler, &SweepScheduler::roundFinished, &loop, [&context](const SweepRound &round) {
            report(context.console, round);
        });
        QTimer stopCheck;
        QObject::connect(&stopCheck, &QTimer::timeout, &loop, [&] {
            if (context.cancel.isCancelled()) {
                scheduler.stop();
                if (service)
                    service->stop();
                if (!scheduler.isRunning() && (!service || service->isIdle()))
                    loop.quit();
            }
        });
        stopCheck.start(50);
        context.console.line(tr("Serving %1: a round every %2 s; stop with Ctrl-C.").arg(lab->dataDir()).arg(seconds));
        scheduler.start(int(seconds * 1000));
        loop.exec();
        context.console.summary({ { QStringLiteral("stopped"), true } }, tr("Stopped."));
        return ExitDone;
    }

private:
    // --listen HOST:PORT, or the host and port of the device's URL.
    static Result<std::pair<QHostAddress, quint16>> listenAddress(const Lab &lab, const QString &listen)
    {
        if (!lab.device())
            return Error::usage(tr("%1 is not a device: run keepsakectl device init --name NAME --url https://HOST:PORT "
                                   "first.").arg(lab.dataDir()));
        const QUrl url = listen.isEmpty() ? QUrl(lab.device()->url) : QUrl(QStringLiteral("https://") + listen);
        const QHostAddress address(url.host());
        const int port = url.port(-1);
        if (!url.isValid() || port <= 0 || port > 65535)
            return Error::usage(tr("--listen takes HOST:PORT, e.g. 127.0.0.1:8443."));
        return std::make_pair(address.isNull() ? QHostAddress(QHostAddress::Any) : address, quint16(port));
    }

    static void report(Console &console, const SweepRound &round)
    {
        const QJsonObject json { { QStringLiteral("at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate) },
                                 { QStringLiteral("notices"), round.sweep.notices }, { QStringLiteral("expired"), round.sweep.expired },
                                 { QStringLiteral("mail_sent"), round.delivery.sent }, { QStringLiteral("mail_failed"), round.delivery.failed },
                                 { QStringLiteral("mail_queued"), round.delivery.waiting }, { QStringLiteral("purged"), round.purgedCount() },
                                 { QStringLiteral("error"), round.error.isEmpty() ? QJsonValue() : QJsonValue(round.error) } };
        console.item(json, round.error.isEmpty()
            ? tr("round: %1, %2 expired, mail %3 sent / %4 failed / %5 queued, %6 purged")
                  .arg(tr("%n notice(s)", nullptr, round.sweep.notices)).arg(round.sweep.expired).arg(round.delivery.sent)
                  .arg(round.delivery.failed).arg(round.delivery.waiting).arg(round.purgedCount())
            : tr("round failed: %1").arg(round.error));
    }
};

} // namespace

std::unique_ptr<Command> makeExpireCommand()
{
    return std::make_unique<ExpireCommand>();
}

std::unique_ptr<Command> makeNotifyCommand()
{
    return std::make_unique<NotifyCommand>();
}

std::unique_ptr<Command> makePurgeCommand()
{
    return std::make_unique<PurgeCommand>();
}

std::unique_ptr<Command> makeServeCommand()
{
    return std::make_unique<ServeCommand>();
}

} // namespace Keepsake
