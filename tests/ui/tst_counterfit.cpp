// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The counter fits its screen (issue 19): it opens at a size taken from the screen,
// nothing is clipped at 1280×800 without its full text as a tooltip, captions stay
// under portrait thumbnails, counts read as proper plurals, and a recorded album shows
// the day its copy here is deleted.
#include "CounterTestSupport.h"
#include "UiTestSupport.h"
#include "base/Translations.h"
#include "catalog/AuditLog.h"
#include "catalog/Albums.h"
#include "catalog/Catalog.h"
#include "common/PhotoGridModel.h"
#include "counter/CounterWindow.h"
#include "counter/CustomerPanel.h"
#include "counter/DashboardPanel.h"
#include "retention/AlbumLife.h"

#include <QAbstractItemDelegate>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QScreen>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTreeWidget>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;


class TestCounterFit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void opensAtASizeFromTheScreen();
    void nothingClippedAt1280x800();
    void longColumnsCarryTheirTextAsTooltip();
    void captionsStayUnderPortraitThumbnails();
    void countsAreProperPlurals();
    void recordedAlbumsShowWhenTheirCopyIsDeleted();

private:
    void choose(const QString &search);

    TestLab m_lab;
    Translations m_translations;
    std::unique_ptr<CounterWindow> m_window;
    qint64 m_anna = 0;
};

void TestCounterFit::initTestCase()
{
    QVERIFY(m_lab.open());
    m_translations.install(QStringLiteral("en"));
    m_anna = m_lab.addCustomer(QStringLiteral("A1"), QStringLiteral("Anna Berg"), QStringLiteral("2468"),
                               QStringLiteral("anna@example.org"), QStringLiteral("+49 30 1234"));
    QVERIFY(m_anna);
    QVERIFY(m_lab.ingest(QStringLiteral("A1"), { QStringLiteral("real/jpeg") }).added > 3);
    m_window = std::make_unique<CounterWindow>(*m_lab.lab);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestCounterFit::choose(const QString &search)
{
    auto *field = m_window->findChild<QLineEdit *>(QStringLiteral("customerSearch"));
    field->clear();
    QTest::keyClicks(field, search);
    QTest::keyClick(field, Qt::Key_Return);
    QTRY_VERIFY(m_window->customers()->data().customer.code == search && !m_window->customers()->isLoading());
}

// The window opened at a fixed 1600×960, clipped on a 1280×800 screen.
void TestCounterFit::opensAtASizeFromTheScreen()
{
    const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
    QVERIFY2(m_window->width() <= available.width() && m_window->height() <= available.height(),
             qPrintable(QStringLiteral("%1×%2 on %3×%4").arg(m_window->width()).arg(m_window->height())
                            .arg(available.width()).arg(available.height())));
    const QSize small = CounterWindow::sizeFor(QRect(0, 0, 1280, 800));
    QVERIFY(small.width() <= 1280 && small.height() <= 800 && small.width() >= 1000);
    const QSize big = CounterWindow::sizeFor(QRect(0, 0, 2560, 1440));
    QVERIFY(big.width() > 1600 && big.width() <= 2560);
}

void TestCounterFit::nothingClippedAt1280x800()
{
    {   // the walk finds a clipped label
        QWidget probe;
        auto *label = new QLabel(QStringLiteral("a text far longer than the fifty pixels it gets"), &probe);
        label->setObjectName(QStringLiteral("probe"));
        label->setGeometry(0, 0, 50, 20);
        probe.show();
        QCOMPARE(clippedLabels(&probe).size(), 1);
        label->setToolTip(label->text());
        QVERIFY(clippedLabels(&probe).isEmpty());
    }
    choose(QStringLiteral("A1"));
    m_window->resize(1280, 800);
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("counterTabs"));
    for (int tab = 0; tab < tabs->count(); ++tab) {
        tabs->setCurrentIndex(tab);
        QCoreApplication::processEvents();
        QCOMPARE(m_window->size(), QSize(1280, 800));   // no minimum size pushes it bigger
        const QStringList clipped = clippedLabels(m_window.get());
        QVERIFY2(clipped.isEmpty(), qPrintable(tabs->tabText(tab) + QStringLiteral(": ") + clipped.join(QStringLiteral("; "))));
        shoot(m_window.get(), QSize(1280, 800), QStringLiteral("counter-1280-%1").arg(tab));
    }
    tabs->setCurrentIndex(0);
}

// The Why and Disc columns elide in a narrow window: the model gives their full text
// as a tooltip.
void TestCounterFit::longColumnsCarryTheirTextAsTooltip()
{
    choose(QStringLiteral("A1"));
    auto *albums = m_window->findChild<QTreeWidget *>(QStringLiteral("albumTree"));
    QVERIFY(albums->topLevelItemCount() > 0);
    const QAbstractItemModel *model = albums->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        for (const int column : { 3, 8 }) {   // Why, Disc
            const QModelIndex index = model->index(row, column);
            QCOMPARE(index.data(Qt::ToolTipRole).toString(), index.data(Qt::DisplayRole).toString());
        }
    }
    QVERIFY(!model->index(0, 3).data(Qt::ToolTipRole).toString().isEmpty());
}

// Captions vanished under portrait thumbnails: every cell, portrait, landscape or still
// loading, is laid out alike and within the grid.
void TestCounterFit::captionsStayUnderPortraitThumbnails()
{
    choose(QStringLiteral("A1"));
    auto *view = m_window->findChild<QListView *>(QStringLiteral("photoGrid"));
    PhotoGridModel *grid = m_window->customers()->grid();
    int portrait = -1;
    for (int row = 0; row < grid->rowCount(); ++row)
        if (grid->photos().at(row).name == QLatin1String("Canon_EOS_7D.jpg"))   // 600×900
            portrait = row;
    QVERIFY(portrait >= 0);
    view->scrollTo(view->model()->index(portrait, 0));   // the view shows the grid through its captions
    QTRY_VERIFY_WITH_TIMEOUT(grid->index(portrait).data(PhotoGridModel::LoadedRole).toBool(), 30000);
    QTRY_VERIFY(grid->index(0).data(PhotoGridModel::LoadedRole).toBool() || grid->loadedCount() > 1);
    const QPixmap thumbnail = grid->index(portrait).data(Qt::DecorationRole).value<QPixmap>();
    // The grid's tiles are square (PhotoGridModel centres the portrait thumbnail on one).
    QVERIFY(!thumbnail.isNull());
    QCOMPARE(thumbnail.width(), thumbnail.height());
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.decorationSize = view->iconSize();
    option.decorationPosition = QStyleOptionViewItem::Top;
    option.displayAlignment = Qt::AlignHCenter | Qt::AlignBottom;
    option.features |= QStyleOptionViewItem::HasDisplay | QStyleOptionViewItem::HasDecoration;
    QAbstractItemDelegate *delegate = view->itemDelegateForIndex(grid->index(portrait));
    const QSize portraitCell = delegate->sizeHint(option, grid->index(portrait));
    for (int row = 0; row < grid->rowCount(); ++row) {
        const QSize cell = delegate->sizeHint(option, grid->index(row));
        QCOMPARE(cell.height(), portraitCell.height());
    }
    QVERIFY(portraitCell.height() <= view->gridSize().height());
}

// "1 kiosk registrations": counts go through tr() with %n.
void TestCounterFit::countsAreProperPlurals()
{
    const qint64 kiosk = m_lab.addCustomer(QStringLiteral("K1"), QStringLiteral("Kiki Kiosk"), QStringLiteral("1357"));
    QVERIFY(m_lab.lab->catalog().transaction([&](QSqlDatabase &db) {
        return AuditLog::record(db, { 0, m_lab.clock.now(), QStringLiteral("kiosk"), QStringLiteral("kiosk_registration"),
                                      kiosk, std::nullopt, QJsonObject() });
    }));
    m_window->dashboard()->refresh();
    const QString summary = m_window->findChild<QLabel *>(QStringLiteral("dashboardSummary"))->text();
    QVERIFY2(summary.contains(QLatin1String("1 kiosk registration")), qPrintable(summary));
    QVERIFY2(!summary.contains(QLatin1String("1 kiosk registrations")), qPrintable(summary));
    QVERIFY2(!summary.contains(QLatin1String("1 failed notices")), qPrintable(summary));
}

// A recorded album showed its old expiry date; what matters is when its copy goes.
void TestCounterFit::recordedAlbumsShowWhenTheirCopyIsDeleted()
{
    const QList<AlbumSummary> albums = Albums(m_lab.lab->catalog()).customerView(m_anna, true).value();
    QVERIFY(!albums.isEmpty());
    const AlbumSummary &album = albums.first();
    const QDateTime recorded = m_lab.clock.now();
    QVERIFY(m_lab.lab->catalog().transaction([&](QSqlDatabase &db) {
        return AlbumLife::markRecorded(db, recorded, album.id, QStringLiteral("TEST-DISC-001"), 1,
                                       QStringLiteral("ABCDEFGH"), QStringLiteral("test"));
    }));
    m_window->customers()->refresh();
    auto *tree = m_window->findChild<QTreeWidget *>(QStringLiteral("albumTree"));
    const QString deletedOn = QLocale().toString(recorded.toLocalTime().date().addDays(30), QLocale::ShortFormat);
    const auto shown = [&] {
        for (int row = 0; row < tree->topLevelItemCount(); ++row)
            if (tree->topLevelItem(row)->data(0, Qt::UserRole).toLongLong() == album.id)
                return tree->topLevelItem(row)->text(2) == QStringLiteral("copy deleted on %1").arg(deletedOn);
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(shown(), 10000);
}

QTEST_MAIN(TestCounterFit)
#include "tst_counterfit.moc"
