// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Command.h"
#include "Commands.h"
#include "catalog/Albums.h"
#include "catalog/Customers.h"
#include "print/PrintJobs.h"
#include "print/PrintSources.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QTextStream>

namespace Keepsake {

namespace {

class PrintCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::PrintCommand)

public:
    QString name() const override { return QStringLiteral("print"); }
    QString description() const override { return tr("index sheets and receipts, to PDF or a printer"); }

    int run(CtlContext &context, const QStringList &args) override
    {
        const QString sub = args.size() > 1 ? args.at(1) : QString();
        QStringList rest = args.mid(1);
        if (!rest.isEmpty())
            rest[0] = args.at(0) + QLatin1Char(' ') + sub;
        if (sub == QLatin1String("index"))
            return runIndex(context, rest);
        if (sub == QLatin1String("receipt"))
            return runReceipt(context, rest);
        if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
            QTextStream(stdout) << tr("Usage: keepsakectl print SUB-COMMAND ...\n"
                                      "  index     index sheet of albums or of a disc (claims 8, 9)\n"
                                      "  receipt   receipt of a hand-in or disc order, with its pickup code\n");
            return ExitDone;
        }
        context.console.error(tr("Unknown print sub-command \"%1\". See: keepsakectl print --help").arg(sub));
        return ExitUsage;
    }

private:
    static void addTargetOptions(CommandParser &p)
    {
        p.addOption({ QStringLiteral("pdf"), tr("write a PDF file"), tr("FILE") });
        p.addOption({ QStringLiteral("printer"), tr("send to this CUPS printer queue"), tr("NAME") });
    }

    static std::optional<int> target(CtlContext &context, const CommandParser &p, PrintJobs::Target &target)
    {
        target.pdfFile = p.value(QStringLiteral("pdf"));
        target.printer = p.value(QStringLiteral("printer"));
        if (target.pdfFile.isEmpty() == target.printer.isEmpty())
            return context.fail(Error::usage(tr("Say where the print goes: --pdf FILE or --printer NAME (one of them).")));
        return std::nullopt;
    }

    static std::optional<int> paper(CtlContext &context, const CommandParser &p, PaperFormat &format, bool receipt)
    {
        Paper chosen = format.paper();
        if (p.isSet(QStringLiteral("paper"))) {
            const std::optional<Paper> parsed = PaperFormat::parse(p.value(QStringLiteral("paper")));
            if (!parsed || (receipt && (*parsed == Paper::Photo10x15 || *parsed == Paper::Photo4x6))
                || (!receipt && *parsed == Paper::Roll80))
                return context.fail(Error::usage(tr("Unknown paper \"%1\"; use %2.")
                    .arg(p.value(QStringLiteral("paper")), receipt ? QStringLiteral("80mm|a4|letter")
                                                                   : QStringLiteral("a4|letter|10x15|4x6"))));
            chosen = *parsed;
        }
        QPageLayout::Orientation orientation = PaperFormat(chosen, QPageLayout::Portrait).isPhotoPaper()
            ? QPageLayout::Landscape : QPageLayout::Portrait;
        if (!receipt && p.isSet(QStringLiteral("orientation"))) {
            const QString value = p.value(QStringLiteral("orientation")).toLower();
            if (value != QLatin1String("portrait") && value != QLatin1String("landscape"))
                return context.fail(Error::usage(tr("Orientation is portrait or landscape, not \"%1\".").arg(value)));
            orientation = value == QLatin1String("landscape") ? QPageLayout::Landscape : QPageLayout::Portrait;
        }
        format = PaperFormat(chosen, orientation);
        return std::nullopt;
    }

    static Result<QList<qint64>> resolveAlbums(const Lab &lab, const QStringList &names, std::optional<qint64> owner)
    {
        QList<qint64> ids;
        for (const QString &name : names) {
            const Result<AlbumSummary> album = Albums(lab.catalog()).resolve(name, owner);
            if (!album)
                return album.error();
            ids.append(album->id);
        }
        return ids;
    }

    // A disc named together with a customer must be that customer's.
    static std::optional<int> discOf(CtlContext &context, Lab &lab, const QString &disc, std::optional<qint64> customerId)
    {
        const Result<qint64> owner = PrintSources(lab).discCustomer(disc);
        if (!owner)
            return context.fail(owner.error());
        if (customerId && *owner != *customerId)
            return context.fail(Error::refused(tr("Disc %1 was recorded for another customer; nothing was printed.")
                                                   .arg(disc)));
        return std::nullopt;
    }

    static void report(CtlContext &context, const QString &kind, const PrintJobs::Done &done)
    {
        QJsonObject item { { QStringLiteral("kind"), kind }, { QStringLiteral("pages"), done.pages } };
        item.insert(QStringLiteral("file"), done.pdfFile.isEmpty() ? QJsonValue() : QJsonValue(done.pdfFile));
        item.insert(QStringLiteral("printer"), done.printer.isEmpty() ? QJsonValue() : QJsonValue(done.printer));
        const QString where = done.printer.isEmpty() ? done.pdfFile : tr("printer %1").arg(done.printer);
        QString text;
        if (kind == QLatin1String("index")) {
            item.insert(QStringLiteral("photos"), done.photos);
            item.insert(QStringLiteral("selection"), done.selection);
            text = tr("Index sheet: %1 photo(s) on %2 page(s) to %3").arg(done.photos).arg(done.pages).arg(where);
        } else {
            item.insert(QStringLiteral("pickup_code"), done.pickupCode);
            text = tr("Receipt with pickup code %1 to %2").arg(done.pickupCode, where);
        }
        context.console.item(item, text);
        context.console.summary({ { QStringLiteral("printed"), 1 } });
    }

    int runIndex(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl print index [--customer C] (--album ALBUM...|--disc DISC) "
                                       "[--select PHOTO,...] [--paper a4|letter|10x15|4x6] [--orientation "
                                       "portrait|landscape] [--columns N] (--pdf FILE|--printer NAME)"),
                        tr("Prints the index sheet of albums or of a disc: every photo as a thumbnail with its "
                           "frame number, file name and capture date, the cover marked. Without --select, each "
                           "album's stored print selection (none: all photos)."),
                        QStringLiteral("keepsakectl print index --customer C1 --album Holiday --pdf index.pdf"));
        p.addOption({ QStringLiteral("customer"), tr("the albums' owner (to name albums by title)"), tr("C") });
        p.addOption({ QStringLiteral("album"), tr("an album (ID, or title with --customer); repeatable"), tr("ALBUM") });
        p.addOption({ QStringLiteral("disc"), tr("what was recorded onto this disc"), tr("DISC") });
        p.addOption({ QStringLiteral("session"), tr("with --disc: only this recording session"), tr("N") });
        p.addOption({ QStringLiteral("select"), tr("only these photos (IDs or original names), comma-separated"), tr("PHOTO") });
        p.addOption({ QStringLiteral("paper"), tr("a4 (default), letter, 10x15 or 4x6"), tr("PAPER") });
        p.addOption({ QStringLiteral("orientation"), tr("portrait or landscape (photo paper: landscape)"), tr("O") });
        p.addOption({ QStringLiteral("columns"), tr("photos per row (default: 5 on A4 portrait)"), tr("N") });
        addTargetOptions(p);
        if (auto done = p.parse(context, args))
            return *done;
        PrintJobs::Target where;
        if (auto failed = target(context, p, where))
            return *failed;
        const QStringList albumNames = p.values(QStringLiteral("album"));
        const QString disc = p.value(QStringLiteral("disc"));
        if (albumNames.isEmpty() == disc.isEmpty())
            return context.fail(Error::usage(tr("Name the albums (--album ALBUM) or the disc (--disc DISC), not both.")));
        PaperFormat format;
        if (auto failed = paper(context, p, format, false))
            return *failed;
        bool columnsOk = true;
        const int columns = p.isSet(QStringLiteral("columns")) ? p.value(QStringLiteral("columns")).toInt(&columnsOk) : 0;
        if (!columnsOk || columns < 0 || columns > 20)
            return context.fail(Error::usage(tr("--columns takes a number from 1 to 20.")));
        std::optional<QStringList> select;
        if (p.isSet(QStringLiteral("select")))
            select = p.values(QStringLiteral("select"));
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const PrintJobs jobs(*lab);
        const auto progress = [&context](int done, int total) {
            context.console.progress(done, total, 0, 0, tr("photos"));
        };
        Result<PrintJobs::Done> done = Error::failure(QString());
        std::optional<qint64> owner;
        if (p.isSet(QStringLiteral("customer"))) {
            const Result<Customer> customer = Customers(lab->catalog()).byCode(p.value(QStringLiteral("customer")));
            if (!customer)
                return context.fail(customer.error());
            owner = customer->id;
        }
        if (!disc.isEmpty()) {
            if (auto failed = discOf(context, *lab, disc, owner))
                return *failed;
            std::optional<int> session;
            if (p.isSet(QStringLiteral("session")))
                session = p.value(QStringLiteral("session")).toInt();
            done = jobs.indexOfDisc(disc, session, select, format, columns, where, &context.cancel, progress);
        } else {
            Result<QList<qint64>> albumIds = resolveAlbums(*lab, albumNames, owner);
            if (!albumIds)
                return context.fail(albumIds.error());
            done = jobs.indexOfAlbums(*albumIds, select, format, columns, where, &context.cancel, progress);
        }
        context.console.endProgress();
        if (!done)
            return context.fail(done.error());
        report(context, QStringLiteral("index"), *done);
        return ExitDone;
    }

    int runReceipt(CtlContext &context, const QStringList &args)
    {
        CommandParser p(QStringLiteral("keepsakectl print receipt --customer C [--handin ID|--disc DISC] "
                                       "[--paper 80mm|a4|letter] (--pdf FILE|--printer NAME)"),
                        tr("Prints a receipt: the customer, what was handed in, the albums and their dates, the "
                           "discs, and the pickup code as text and QR code. Without --handin or --disc, the "
                           "customer's latest hand-in."),
                        QStringLiteral("keepsakectl print receipt --customer C1 --pdf receipt.pdf"));
        p.addOption({ QStringLiteral("customer"), tr("the customer"), tr("C") });
        p.addOption({ QStringLiteral("handin"), tr("this hand-in instead of the latest"), tr("ID") });
        p.addOption({ QStringLiteral("disc"), tr("the disc order of this disc instead"), tr("DISC") });
        p.addOption({ QStringLiteral("session"), tr("with --disc: this recording session (default: the latest)"), tr("N") });
        p.addOption({ QStringLiteral("paper"), tr("80mm (roll, default), a4 or letter"), tr("PAPER") });
        addTargetOptions(p);
        if (auto done = p.parse(context, args))
            return *done;
        PrintJobs::Target where;
        if (auto failed = target(context, p, where))
            return *failed;
        if (!p.isSet(QStringLiteral("customer")))
            return context.fail(Error::usage(tr("Name the customer: --customer CODE.")));
        if (p.isSet(QStringLiteral("handin")) && p.isSet(QStringLiteral("disc")))
            return context.fail(Error::usage(tr("Give --handin or --disc, not both.")));
        PaperFormat format(Paper::Roll80, QPageLayout::Portrait);
        if (auto failed = paper(context, p, format, true))
            return *failed;
        Lab *lab = context.lab();
        if (!lab)
            return ExitFailed;
        const Result<Customer> customer = Customers(lab->catalog()).byCode(p.value(QStringLiteral("customer")));
        if (!customer)
            return context.fail(customer.error());
        const PrintJobs jobs(*lab);
        Result<PrintJobs::Done> done = Error::failure(QString());
        if (p.isSet(QStringLiteral("disc"))) {
            if (auto failed = discOf(context, *lab, p.value(QStringLiteral("disc")), customer->id))
                return *failed;
            std::optional<int> session;
            if (p.isSet(QStringLiteral("session")))
                session = p.value(QStringLiteral("session")).toInt();
            done = jobs.receiptOfDisc(p.value(QStringLiteral("disc")), session, format, where);
        } else {
            std::optional<qint64> handin;
            if (p.isSet(QStringLiteral("handin"))) {
                bool ok = false;
                handin = p.value(QStringLiteral("handin")).toLongLong(&ok);
                if (!ok)
                    return context.fail(Error::usage(tr("--handin takes a hand-in's number (the \"handin\" of "
                                                        "the ingest summary).")));
            }
            done = jobs.receiptOfHandin(customer->id, handin, format, where);
        }
        if (!done)
            return context.fail(done.error());
        report(context, QStringLiteral("receipt"), *done);
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makePrintCommand()
{
    return std::make_unique<PrintCommand>();
}

} // namespace Keepsake
