// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/IngestTypes.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Keepsake {

class JobProgress;
class ReceiptPanel;

// A card being handed in: a progress bar with Cancel, then what became of each file,
// grouped: new, already handed in, new versions, rejected with the reason. A file that
// looks like a photo the customer handed in before (a near-duplicate) is kept and says
// so, with that hand-in's date. When the hand-in ends, its receipt: the pickup code
// and its QR code (ReceiptPanel).
class ImportPage : public QWidget
{
    Q_OBJECT

public:
    explicit ImportPage(QWidget *parent = nullptr);

    void begin(const QString &source);
    // A camera or phone on USB: copied first (the first half of the bar), then handed
    // in as a card (the second half).
    void beginCamera(const QString &camera);
    void setCopyProgress(int filesDone, int filesTotal, qint64 bytesDone, qint64 bytesTotal);
    void setCameraReleased(int copied, int notCopied);
    void setStarted(int files, qint64 bytes);
    void setProgress(int filesDone, int filesTotal, qint64 bytesDone, qint64 bytesTotal);
    void addRecord(const IngestRecord &record);
    // Every photo is stored: the customer may take the card and go on to their albums
    // while the previews are made.
    void setCardReleased(const IngestSummary &summary);
    void setThumbnailProgress(int done, int total);
    void finish(const IngestSummary &summary, const QString &error);
    JobProgress *progress() const { return m_progress; }
    ReceiptPanel *receipt() const { return m_receipt; }
    // Files of this hand-in that look like photos handed in before.
    int similarCount() const { return m_similar; }
    QString summaryText() const;

Q_SIGNALS:
    void cancelRequested();
    void doneRequested();
    void cardMayBeRemoved();   // said to the customer: every photo is stored

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    QTreeWidgetItem *group(IngestOutcome outcome);
    QString countsText(const IngestSummary &summary) const;
    static QString similarNote(const SimilarPhoto &similar);
    void markGroup(QTreeWidgetItem *item);
    static constexpr int OutcomeRole = Qt::UserRole + 1;

    JobProgress *m_progress = nullptr;
    QTreeWidget *m_results = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_done = nullptr;
    ReceiptPanel *m_receipt = nullptr;
    QTreeWidgetItem *m_groups[4] = {};
    QString m_source;
    bool m_cardReleased = false;
    bool m_camera = false;   // a camera's hand-in: copied before
    int m_copied = 0;
    int m_similar = 0;
};

} // namespace Keepsake
