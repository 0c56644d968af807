// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The clerk's day at the counter (issue 17), customers: a new customer added with
// their plan (problems said under the field they are about), one changed (name,
// e-mail, plan), a PIN set anew that then signs in through core while the old one no
// longer does; the list follows and the audit trail says each in words.
#include "CounterTestSupport.h"
#include "UiTestSupport.h"
#include "base/Translations.h"
#include "catalog/AuditLog.h"
#include "catalog/Catalog.h"
#include "catalog/Customers.h"
#include "catalog/PinLockout.h"
#include "counter/AuditSentences.h"
#include "counter/CounterWindow.h"
#include "counter/CustomerDialog.h"
#include "counter/CustomerEditor.h"
#include "counter/CustomerPanel.h"
#include "counter/PinDialog.h"
#include "retention/RuleBook.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QToolButton>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestCounterDay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void newCustomerWithPlan();
    void editNameEmailAndPlan();
    void resetPinThenItSignsIn();
    void typedPinThatIsNoPinIsRefused();

private:
    void choose(const QString &code);
    // The dialog the action opened (window-modal, not blocking).
    template <typename Dialog>
    Dialog *opened(const char *action);
    QLineEdit *edit(QWidget *dialog, const char *name) { return dialog->findChild<QLineEdit *>(QLatin1String(name)); }
    QLabel *label(QWidget *dialog, const char *name) { return dialog->findChild<QLabel *>(QLatin1String(name)); }
    void setText(QWidget *dialog, const char *name, const QString &text);
    QStringList auditSentences(qint64 customerId, const QString &action);

    TestLab m_lab;
    Translations m_translations;
    std::unique_ptr<CounterWindow> m_window;
    QListWidget *m_list = nullptr;
    qint64 m_anna = 0;
};

void TestCounterDay::initTestCase()
{
    QVERIFY(m_lab.open());
    m_translations.install(QStringLiteral("en"));
    m_anna = m_lab.addCustomer(QStringLiteral("A1"), QStringLiteral("Anna Berg"), QStringLiteral("2468"),
                               QStringLiteral("anna@example.org"));
    QVERIFY(m_anna);
    QVERIFY(m_lab.ingest(QStringLiteral("A1"), { QStringLiteral("real/png") }).added > 0);
    RetentionRule year;
    year.name = QStringLiteral("Keep 1 year");
    year.keepDays = 365;
    QVERIFY(RuleBook(m_lab.lab->catalog(), m_lab.clock).add(Actor::system(QStringLiteral("test")), year));
    m_window = std::make_unique<CounterWindow>(*m_lab.lab);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_list = m_window->findChild<QListWidget *>(QStringLiteral("customerList"));
    QVERIFY(m_list);
    // The actions are in the Customer menu and beside the list and the header.
    QStringList menu;
    for (const QAction *action : m_window->menuBar()->actions())
        menu << action->text();
    QVERIFY2(menu.contains(QStringLiteral("&Customer")), qPrintable(menu.join(QLatin1Char(','))));
    for (const char *button : { "newCustomerButton", "editCustomerButton", "resetPinButton" })
        QVERIFY2(m_window->findChild<QToolButton *>(QLatin1String(button)), button);
}

void TestCounterDay::choose(const QString &code)
{
    auto *field = m_window->findChild<QLineEdit *>(QStringLiteral("customerSearch"));
    field->clear();
    QTest::keyClicks(field, code);
    QTest::keyClick(field, Qt::Key_Return);
    QTRY_VERIFY(m_window->customers()->data().customer.code == code && !m_window->customers()->isLoading());
}

template <typename Dialog>
Dialog *TestCounterDay::opened(const char *action)
{
    auto *trigger = m_window->findChild<QAction *>(QLatin1String(action));
    if (!trigger || !trigger->isEnabled())
        return nullptr;
    trigger->trigger();
    auto *dialog = qobject_cast<Dialog *>(m_window->customers()->editor()->dialog());
    return dialog && dialog->isVisible() ? dialog : nullptr;
}

void TestCounterDay::setText(QWidget *dialog, const char *name, const QString &text)
{
    QLineEdit *field = edit(dialog, name);
    QVERIFY2(field, name);
    field->selectAll();
    QTest::keyClick(field, Qt::Key_Delete);
    QTest::keyClicks(field, text);
}

QStringList TestCounterDay::auditSentences(qint64 customerId, const QString &action)
{
    AuditSentences words(*m_lab.lab);
    QStringList sentences;
    AuditLog::Filter filter;
    filter.customerId = customerId;
    const QList<AuditEntry> entries = AuditLog::read(m_lab.lab->catalog().db(), filter).value();
    for (const AuditEntry &entry : entries)
        if (entry.action == action)
            sentences << words.sentence(entry);
    return sentences;
}

// "There is no UPDATE customers anywhere": a new customer at the counter, with a plan.
void TestCounterDay::newCustomerWithPlan()
{
    auto *dialog = opened<CustomerDialog>("newCustomerAction");
    QVERIFY(dialog);
    QVERIFY(dialog->isNew());
    auto *save = dialog->findChild<QPushButton *>(QStringLiteral("customerSave"));
    // Nothing typed: the code's and the name's problems, each under its field.
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QVERIFY(label(dialog, "codeError")->isVisible());
    QVERIFY(label(dialog, "nameError")->isVisible());
    QVERIFY(!label(dialog, "emailError")->isVisible());
    // A code another customer has, and no e-mail address: said where they are.
    setText(dialog, "customerCodeEdit", QStringLiteral("a1"));
    setText(dialog, "customerNameEdit", QStringLiteral("Nora Neu"));
    setText(dialog, "customerEmailEdit", QStringLiteral("nora at example"));
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(!label(dialog, "nameError")->isVisible());
    QVERIFY(label(dialog, "emailError")->isVisible());
    setText(dialog, "customerEmailEdit", QStringLiteral("nora@example.org"));
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QVERIFY2(label(dialog, "codeError")->text().contains(QStringLiteral("already")), qPrintable(label(dialog, "codeError")->text()));
    QVERIFY(!label(dialog, "emailError")->isVisible());
    // Then a new code, a PIN and a plan.
    setText(dialog, "customerCodeEdit", QStringLiteral("N5"));
    setText(dialog, "customerPhoneEdit", QStringLiteral("030 555"));
    setText(dialog, "customerPinEdit", QStringLiteral("1357"));
    auto *plan = dialog->findChild<QComboBox *>(QStringLiteral("customerPlan"));
    plan->setCurrentIndex(plan->findText(QStringLiteral("Keep 1 year")));
    auto *language = dialog->findChild<QComboBox *>(QStringLiteral("customerLanguage"));
    language->setCurrentIndex(language->findData(QStringLiteral("de")));
    QSignalSpy changed(m_window->customers(), &CustomerPanel::changed);
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(changed.size(), 1);
    QTRY_VERIFY(!m_window->customers()->editor()->dialog());

    const Result<Customer> nora = Customers(m_lab.lab->catalog()).byCode(QStringLiteral("N5"));
    QVERIFY(nora);
    QCOMPARE(nora->name, QStringLiteral("Nora Neu"));
    QCOMPARE(nora->email, QStringLiteral("nora@example.org"));
    QCOMPARE(nora->phone, QStringLiteral("030 555"));
    QCOMPARE(nora->language, QStringLiteral("de"));
    QCOMPARE(nora->planRule, QStringLiteral("Keep 1 year"));
    QVERIFY(nora->hasPin);
    // The counter shows them, in the list too.
    QTRY_COMPARE(m_window->customers()->data().customer.id, nora->id);
    QVERIFY(m_list->currentItem() && m_list->currentItem()->text().startsWith(QStringLiteral("N5 — Nora Neu")));
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("customerDetails"))->text().contains(QStringLiteral("Keep 1 year")));
    const QStringList added = auditSentences(nora->id, QStringLiteral("customer_add"));
    QCOMPARE(added.size(), 1);
    QVERIFY2(added.first().endsWith(QStringLiteral("added customer Nora Neu (N5)")), qPrintable(added.first()));
}

void TestCounterDay::editNameEmailAndPlan()
{
    choose(QStringLiteral("A1"));
    auto *dialog = opened<CustomerDialog>("editCustomerAction");
    QVERIFY(dialog);
    QVERIFY(!dialog->isNew());
    QVERIFY(!edit(dialog, "customerCodeEdit"));   // a code stays
    QCOMPARE(edit(dialog, "customerNameEdit")->text(), QStringLiteral("Anna Berg"));
    QCOMPARE(edit(dialog, "customerEmailEdit")->text(), QStringLiteral("anna@example.org"));
    auto *save = dialog->findChild<QPushButton *>(QStringLiteral("customerSave"));
    setText(dialog, "customerNameEdit", QStringLiteral("  "));   // a name cannot be removed
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QVERIFY(label(dialog, "nameError")->isVisible());
    setText(dialog, "customerNameEdit", QStringLiteral("Anna Berg-Neu"));
    setText(dialog, "customerEmailEdit", QStringLiteral("anna.neu@example.org"));
    auto *plan = dialog->findChild<QComboBox *>(QStringLiteral("customerPlan"));
    plan->setCurrentIndex(plan->findText(QStringLiteral("Keep 1 year")));
    QSignalSpy loaded(m_window->customers(), &CustomerPanel::loaded);
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY(!m_window->customers()->editor()->dialog());
    QVERIFY(loaded.wait());

    const Customer anna = Customers(m_lab.lab->catalog()).byId(m_anna).value();
    QCOMPARE(anna.name, QStringLiteral("Anna Berg-Neu"));
    QCOMPARE(anna.email, QStringLiteral("anna.neu@example.org"));
    QCOMPARE(anna.planRule, QStringLiteral("Keep 1 year"));
    QVERIFY(anna.hasPin);   // untouched
    QCOMPARE(m_window->findChild<QLabel *>(QStringLiteral("customerHeader"))->text(), QStringLiteral("A1 — Anna Berg-Neu"));
    QTRY_VERIFY(m_list->currentItem() && m_list->currentItem()->text().startsWith(QStringLiteral("A1 — Anna Berg-Neu")));
    const QStringList changes = auditSentences(m_anna, QStringLiteral("customer_update"));
    QCOMPARE(changes.size(), 1);
    QVERIFY2(changes.first().endsWith(QStringLiteral("changed the details of Anna Berg-Neu: e-mail address "
                                                     "anna.neu@example.org; name 'Anna Berg-Neu'; plan 'Keep 1 year'")),
             qPrintable(changes.first()));
    // Saved without a change: nothing written.
    dialog = opened<CustomerDialog>("editCustomerAction");
    QVERIFY(dialog);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("customerSave")), Qt::LeftButton);
    QTRY_VERIFY(!m_window->customers()->editor()->dialog());
    QCOMPARE(auditSentences(m_anna, QStringLiteral("customer_update")).size(), 1);
}

// The window makes a PIN, shows it once; the customer signs in with it through core.
void TestCounterDay::resetPinThenItSignsIn()
{
    choose(QStringLiteral("A1"));
    auto *dialog = opened<PinDialog>("resetPinAction");
    QVERIFY(dialog);
    auto *note = label(dialog, "pinNote");
    QVERIFY(note->text().isEmpty());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("pinMake")), Qt::LeftButton);
    const QString pin = edit(dialog, "pinEdit")->text();
    QCOMPARE(pin.size(), 6);
    QVERIFY(note->isVisible() && note->text().contains(QStringLiteral("only here")));
    shoot(dialog, dialog->size(), QStringLiteral("counter-pin-reset"));
    QVERIFY2(clippedLabels(dialog).isEmpty(), qPrintable(clippedLabels(dialog).join(QStringLiteral("; "))));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("pinSave")), Qt::LeftButton);
    QTRY_VERIFY(!m_window->customers()->editor()->dialog());

    const PinLockout lockout(m_lab.lab->catalog(), m_lab.clock);
    const auto fresh = lockout.signIn(QStringLiteral("A1"), pin, QStringLiteral("test kiosk"));
    QVERIFY(fresh);
    QCOMPARE(fresh->outcome, PinLockout::Outcome::Accepted);
    QCOMPARE(fresh->customerId, m_anna);
    const auto old = lockout.signIn(QStringLiteral("A1"), QStringLiteral("2468"), QStringLiteral("test kiosk"));
    QVERIFY(old);
    QCOMPARE(old->outcome, PinLockout::Outcome::WrongPin);
    const QStringList changes = auditSentences(m_anna, QStringLiteral("customer_update"));
    QVERIFY2(changes.last().endsWith(QStringLiteral("changed the details of Anna Berg-Neu: a new PIN")),
             qPrintable(changes.last()));
    QVERIFY(!changes.last().contains(pin));
}

// A PIN the clerk types that is no PIN: said under the field, nothing changes.
void TestCounterDay::typedPinThatIsNoPinIsRefused()
{
    choose(QStringLiteral("N5"));
    auto *dialog = opened<PinDialog>("resetPinAction");
    QVERIFY(dialog);
    const int entries = int(auditSentences(m_window->customers()->customerId(), QStringLiteral("customer_update")).size());
    setText(dialog, "pinEdit", QStringLiteral("12a"));   // the field takes digits only
    QCOMPARE(edit(dialog, "pinEdit")->text(), QStringLiteral("12"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("pinSave")), Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QCOMPARE(label(dialog, "pinError")->text(), QStringLiteral("A PIN has 4 to 8 digits."));
    setText(dialog, "pinEdit", QStringLiteral("86420"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("pinSave")), Qt::LeftButton);
    QTRY_VERIFY(!m_window->customers()->editor()->dialog());
    QCOMPARE(auditSentences(m_window->customers()->customerId(), QStringLiteral("customer_update")).size(), entries + 1);
    const auto signedIn = PinLockout(m_lab.lab->catalog(), m_lab.clock).signIn(QStringLiteral("n5"), QStringLiteral("86420"),
                                                                                QStringLiteral("test kiosk"));
    QVERIFY(signedIn);
    QCOMPARE(signedIn->outcome, PinLockout::Outcome::Accepted);
}

QTEST_MAIN(TestCounterDay)
#include "tst_counterday.moc"
