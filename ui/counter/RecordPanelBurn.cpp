// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// RecordPanel: the plan on screen (customer check and gauges), the burn with its
// progress and verification, and the prints that go with the disc.
#include "RecordPanel.h"

#include "common/JobProgress.h"
#include "common/MessageBox.h"
#include "common/PrintPreview.h"
#include "common/QrLabel.h"
#include "catalog/PickupCode.h"
#include "base/ByteSize.h"
#include "base/JobRunner.h"
#include "disc/DiscLog.h"
#include "lab/Lab.h"

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace Keepsake {

namespace {

constexpr int GaugeSteps = 1000;

QString seconds(double value)
{
    return QLocale().toString(value, 'f', 1);
}

} // namespace

bool RecordPanel::isBusy() const
{
    return m_jobs->isRunning();
}

bool RecordPanel::isPlanReady() const
{
    return m_plan.has_value() && !m_plan->nothingToRecord && !isBusy() && !m_planPending
           && !m_planDelay.isActive();
}

QString RecordPanel::checkText() const
{
    return m_check->text();
}

void RecordPanel::clearGauges()
{
    while (QLayoutItem *item = m_gauges->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

void RecordPanel::showPlan(const Result<BurnSummary> &result)
{
    clearGauges();
    QPalette palette = this->palette();
    m_check->setPalette(palette);
    if (!result) {
        m_planError = result.error().message();
        const bool refused = result.error().kind() == Error::Kind::Refused;
        m_check->setText(refused ? tr("Customer check: %1").arg(m_planError) : m_planError);
        palette.setColor(QPalette::WindowText, Qt::darkRed);
        m_check->setPalette(palette);
        m_planSummary->setText(tr("Nothing can be recorded onto this disc."));
        Q_EMIT planShown();
        return;
    }
    m_plan = *result;
    const QList<PlannedDisc> &discs = m_plan->plan;
    if (m_plan->nothingToRecord || discs.isEmpty()) {
        m_check->clear();
        m_planSummary->setText(tr("Nothing to record: the albums ticked have no photos left to put on a disc."));
        Q_EMIT planShown();
        return;
    }
    m_check->setText(discs.first().appending
                         ? tr("Customer check passed: this is %1's own disc. The albums are added to it as a new session.")
                               .arg(m_customer.code)
                         : tr("A blank disc: a new disc is started for %1.").arg(m_customer.code));
    int parts = 0;
    for (int i = 0; i < discs.size(); ++i) {
        addGauge(i + 1, discs.at(i));
        for (const PlannedAlbum &album : discs.at(i).albums)
            parts += album.part > 0 ? 1 : 0;
    }
    m_gauges->addStretch();
    QString summary = discs.size() == 1 ? tr("Everything fits onto one disc.")
                                        : tr("The albums need %n discs.", nullptr, int(discs.size()));
    if (parts > 0)
        summary += QLatin1Char(' ') + tr("An album larger than a disc is split across discs.");
    if (m_plan->discsLeft > 0)
        summary += QLatin1Char(' ') + tr("This drive records one disc at a time: burn again with a blank disc for the rest.");
    m_planSummary->setText(summary);
    Q_EMIT planShown();
}

void RecordPanel::addGauge(int number, const PlannedDisc &disc)
{
    auto *title = new QLabel(tr("Disc %1 (%2): %3 of %4").arg(number).arg(disc.media.toUpper(), formatBytes(disc.bytes),
                                                               formatBytes(disc.capacity)));
    title->setObjectName(QStringLiteral("discTitle"));
    auto *gauge = new QProgressBar;
    gauge->setObjectName(QStringLiteral("discGauge"));
    gauge->setRange(0, GaugeSteps);
    gauge->setValue(disc.capacity > 0 ? int(qMin<qint64>(GaugeSteps, disc.bytes * GaugeSteps / disc.capacity)) : 0);
    gauge->setFormat(QStringLiteral("%1 %").arg(QLocale().toString(100.0 * gauge->value() / GaugeSteps, 'f', 1)));
    QStringList albums;
    for (const PlannedAlbum &album : disc.albums)
        albums << tr("%1 (%n photo(s))", nullptr, album.photos).arg(album.label());
    auto *contents = new QLabel(albums.join(QStringLiteral(", ")));
    contents->setObjectName(QStringLiteral("discAlbums"));
    contents->setWordWrap(true);
    m_gauges->addWidget(title);
    m_gauges->addWidget(gauge);
    m_gauges->addWidget(contents);
}

void RecordPanel::burn()
{
    if (!isPlanReady())
        return;
    if (!station().isEmpty()) {
        burnOnStation();
        return;
    }
    m_burned.reset();
    clearResult();
    m_progress->show();
    m_progress->begin(tr("Recording %n disc(s) for %1", nullptr, int(m_plan->plan.size())).arg(m_customer.code));
    auto job = std::make_unique<BurnJob>(m_lab, options(false));
    connect(job.get(), &BurnJob::progress, this, &RecordPanel::showBurnProgress);
    if (!m_jobs->start(std::move(job), [this](const Result<BurnSummary> &result) { burnDone(result); }))
        m_progress->end(tr("A burn is running already."));
    updateButtons();
}

void RecordPanel::cancel()
{
    if (m_progress->isBusy())   // the burn; a plan or a drive scan ends on its own
        m_jobs->cancel();
}

void RecordPanel::showBurnProgress(BurnJob::Phase phase, qint64 done, qint64 total, double bytesPerSecond,
                                   int secondsLeft)
{
    QString detail;
    switch (phase) {
    case BurnJob::Phase::Preparing:
        detail = tr("Preparing the albums: %1 of %2").arg(done).arg(total);
        break;
    case BurnJob::Phase::Writing:
        detail = tr("Writing: %1 of %2, %3/s, about %n second(s) left", nullptr, secondsLeft)
                     .arg(formatBytes(done), formatBytes(total), formatBytes(qint64(bytesPerSecond)));
        break;
    case BurnJob::Phase::Verifying:
        detail = tr("Verifying: %1 of %2 read back, about %n second(s) left", nullptr, secondsLeft)
                     .arg(formatBytes(done), formatBytes(total));
        break;
    }
    m_progress->setProgress(done, total, detail);
    Q_EMIT burnProgress(phase, done, total);
}

void RecordPanel::burnDone(const Result<BurnSummary> &result)
{
    if (result) {
        burnSucceeded(*result);
        return;
    }
    qCInfo(lcDisc).noquote() << "Burn failed:" << result.error().message();
    burnFailed(result.error().message(), result.error().kind() == Error::Kind::Cancelled,
               result.error().kind() == Error::Kind::Refused);
}

void RecordPanel::burnFailed(const QString &message, bool cancelled, bool refused)
{
    m_progress->end(cancelled ? tr("Cancelled.") : message);
    m_result->setText(refused ? tr("Customer check: %1").arg(message) : message);
    Q_EMIT burnFinished(false);
    inputsChanged();
    runAfterJob();
}

void RecordPanel::burnSucceeded(const BurnSummary &summary)
{
    // A station's disc that another program of this device recorded meanwhile.
    if (summary.discs.isEmpty() && !station().isEmpty()) {
        m_result->setText(tr("The disc was checked and recorded meanwhile by another program of this device; the "
                             "stations' queue shows the job."));
        m_progress->end(tr("Recorded elsewhere."));
        fillAlbums({});
        Q_EMIT burnFinished(true);
        Q_EMIT recorded();
        inputsChanged();
        runAfterJob();
        return;
    }
    m_burned = summary;
    QStringList lines;
    for (const BurnedDisc &disc : std::as_const(m_burned->discs)) {
        lines << tr("Disc %1, session %2: written in %3 s and verified — %n file(s) read back and matched, byte for "
                    "byte, in %4 s. Pickup code %5.", nullptr, disc.filesVerified)
                     .arg(disc.discId).arg(disc.session).arg(seconds(disc.writeSeconds), seconds(disc.verifySeconds),
                                                             PickupCode::display(disc.pickupCode));
        if (!disc.printError.isEmpty())
            lines << tr("The prints of disc %1 failed: %2").arg(disc.discId, disc.printError);
        else if (!disc.printFiles.isEmpty())
            lines << tr("Index sheet and receipt saved as %1.").arg(disc.printFiles.join(QStringLiteral(", ")));
    }
    if (m_burned->discsLeft > 0)
        lines << tr("%n more disc(s) to burn: insert a blank disc and burn again.", nullptr, m_burned->discsLeft);
    m_result->setText(lines.join(QLatin1Char('\n')));
    showPickupQrs();
    m_progress->end(tr("Recorded and verified: %n album(s).", nullptr, int(m_burned->recordedAlbums.size())));
    fillAlbums({});
    Q_EMIT burnFinished(true);
    Q_EMIT recorded();
    inputsChanged();
    runAfterJob();
}

// Each disc's pickup code as the receipt's QR code, for the customer's phone or the
// counter's scanner when the receipt is not printed.
void RecordPanel::showPickupQrs()
{
    for (const BurnedDisc &disc : std::as_const(m_burned->discs)) {
        if (disc.pickupCode.isEmpty())
            continue;
        auto *qr = new QrLabel(4);
        qr->setObjectName(QStringLiteral("discPickupQr"));
        m_pickupQrs->addWidget(qr, 0, Qt::AlignTop);   // parented first: a widget given a parent is hidden again
        qr->showCode(PickupCode::display(disc.pickupCode));
    }
}

void RecordPanel::clearResult()
{
    m_result->clear();
    while (QLayoutItem *item = m_pickupQrs->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

void RecordPanel::previewIndex()
{
    if (!m_burned)
        return;
    for (const BurnedDisc &disc : std::as_const(m_burned->discs)) {
        const Result<PrintPreview::Document> document = PrintPreview::indexOfDisc(m_lab, disc.discId, disc.session);
        if (!document) {
            MessageBox::warning(this, tr("Index sheet"), document.error().message());
            return;
        }
        PrintPreview::show(this, *document);
    }
}

void RecordPanel::previewReceipt()
{
    if (!m_burned)
        return;
    for (const BurnedDisc &disc : std::as_const(m_burned->discs)) {
        const Result<PrintPreview::Document> document = PrintPreview::receiptOfDisc(m_lab, disc.discId, disc.session);
        if (!document) {
            MessageBox::warning(this, tr("Receipt"), document.error().message());
            return;
        }
        PrintPreview::show(this, *document);
    }
}

void RecordPanel::updateButtons()
{
    const bool busy = isBusy();
    m_burn->setEnabled(isPlanReady() && m_planError.isEmpty());
    m_albums->setEnabled(!m_progress->isBusy());
    m_media->setEnabled(!m_progress->isBusy());
    m_drives->setEnabled(!m_progress->isBusy());
    m_image->setEnabled(!m_progress->isBusy());
    m_rescan->setEnabled(!busy);
    const bool prints = m_burned.has_value() && !m_burned->discs.isEmpty();
    m_printIndex->setEnabled(prints);
    m_printReceipt->setEnabled(prints);
}

} // namespace Keepsake
