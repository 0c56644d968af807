// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "common/CustomerLoader.h"
#include "ingest/IngestTypes.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QPushButton;
class QTreeWidget;

namespace Keepsake {

class CustomerEditor;
class JobDialog;
class JobRunner;
class Lab;
class PhotoCaptions;
class PhotoGridModel;
class PickupSearch;
struct PickupOrder;

// The counter's customer page: search by code, name, phone or e-mail, or by a
// receipt's pickup code (PickupSearch); customers added and changed (CustomerEditor);
// the customer's albums with state, expiry and why, counts, sizes, shares and
// notices; their photos as a grid with captions (PhotoCaptions); and the clerk's
// actions on them.
class CustomerPanel : public QWidget
{
    Q_OBJECT

public:
    explicit CustomerPanel(const Lab &lab, QWidget *parent = nullptr);

    void showCustomer(qint64 customerId);
    void refresh();
    qint64 customerId() const { return m_data.customer.id; }
    const CustomerData &data() const { return m_data; }
    bool isLoading() const;
    PhotoGridModel *grid() const { return m_model; }
    QList<qint64> selectedAlbums() const;
    void selectAlbums(const QList<qint64> &albumIds);
    // A hand-in at the counter from a folder (the Import button asks for one).
    void importFolder(const QString &folder);
    JobDialog *jobDialog() const { return m_jobDialog; }
    CustomerEditor *editor() const { return m_editor; }
    PickupSearch *pickup() const { return m_pickup; }
    PhotoCaptions *captions() const { return m_captions; }

Q_SIGNALS:
    void loaded();
    void changed();
    void message(const QString &text);
    // The clerk asked to record albums of this customer (empty: the expired ones).
    void recordRequested(qint64 customerId, const QList<qint64> &albumIds);

private:
    void buildViews();
    void buildLayout();
    void buildActions(QWidget *bar);
    // The customer editor, the pickup code search and the captions (CustomerPanelFind.cpp).
    void buildCustomerParts();
    QWidget *headerRow();
    void customerSaved(const Customer &customer, bool added, const QString &text);
    void openOrder(const PickupOrder &order, const QString &description);
    // Shows this customer with the search box set to their code, so the list shows them.
    void openFound(qint64 customerId, const QString &code);
    void search();
    // Enter in the search box: the highlighted customer, else the first match.
    void openMatch();
    void openRow(int row);
    // Nothing chosen: no customer shown, every action disabled.
    void clearCustomer();
    void customerChosen();
    void applyData(const CustomerData &data);
    void fillAlbums();
    void fillAlbumExtras();
    void albumSelectionChanged();
    void updateActions();
    void openAudit();
    void chooseImportFolder();
    void importDone(qint64 customer, const Result<IngestSummary> &summary);
    void restoreAlbum();
    void extendAlbum();
    void resendNotice();
    void recordToDisc();
    QList<AlbumSummary> selectedSummaries() const;
    // After a change to albums: the refusal shown, the customer read again.
    Status showChange(const Status &status);
    void printIndex();

    const Lab &m_lab;
    const Actor m_clerk;   // the clerk at this counter, as the session's user
    CustomerLoader *m_loader = nullptr;
    CustomerData m_data;
    qint64 m_wanted = 0;   // the customer asked for last (a read still running for another is dropped)
    QTimer m_searchDelay;
    QElapsedTimer m_selectedAt;
    qint64 m_selectFor = 0;             // a pickup code's customer: their albums to choose once read
    QList<qint64> m_selectOnLoad;
    QLineEdit *m_search = nullptr;
    QListWidget *m_customers = nullptr;
    QLabel *m_header = nullptr;
    QLabel *m_details = nullptr;
    QTreeWidget *m_albums = nullptr;
    QListView *m_grid = nullptr;
    QLabel *m_photoCount = nullptr;
    PhotoGridModel *m_model = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_record = nullptr;
    QPushButton *m_print = nullptr;
    QPushButton *m_restore = nullptr;
    QPushButton *m_extend = nullptr;
    QPushButton *m_resend = nullptr;
    QPushButton *m_audit = nullptr;
    JobRunner *m_ingest = nullptr;      // a hand-in from a folder
    JobRunner *m_resending = nullptr;   // notices sent again
    JobDialog *m_jobDialog = nullptr;
    CustomerEditor *m_editor = nullptr;
    PickupSearch *m_pickup = nullptr;
    PhotoCaptions *m_captions = nullptr;
};

} // namespace Keepsake
