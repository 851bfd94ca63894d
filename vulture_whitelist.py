"""What vulture cannot see being used (``tasks.py test`` runs vulture over this file with the code).

Each name here is called or read by someone other than our code: Qt and reportlab call the methods
we override, the standard library calls its hooks, pytest uses fixtures by name, and protocols
require parameters we do not read. A name listed here counts as used everywhere, so list only
such names; code nobody calls is deleted, not listed.
"""

from types import SimpleNamespace

_ = SimpleNamespace()  # vulture counts a name used wherever it is read, as attribute or name

# Qt calls these overrides (ui/bubbles.py delegate, ui/ledger_view.py filter model)
_.paint
_.filterAcceptsRow

# reportlab: Flowable.wrap is called by the layout; the canvas and document attributes we set
# are read by reportlab when it writes the PDF (bundle/pdf.py: fixed dates and IDs, open action)
_.wrap
_.YMDhms
_._timeStamp
_.OpenAction
_._doSave  # BaseDocTemplate._endBuild: the measuring pass writes no PDF
_._currentPageHasImages
_._ID
_.page_mode

# html.parser.HTMLParser calls these (importers/wechat_html.py)
_.handle_starttag
_.handle_startendtag
_.handle_endtag
_.handle_data

# http.server calls and reads these (evidence_desk_testing/local_tsa.py)
_.daemon_threads
_.protocol_version
_.log_message
_.do_GET
_.do_POST

# sqlite3/sqlcipher3 read the connection's row factory
_.row_factory

# a Catalogue is called: _said("code", ...) (domain/wording.py)
_.__call__

# a dataclass field filled positionally (importers/images.py GpsCoordinates)
_.altitude_m

# context-manager protocol parameters (__exit__), required and deliberately unread
_.exc_type
_.exc
_.exc_info
_.tb
_.trace

# pytest: autouse fixtures, fixtures requested by parameter only for their effect, marks
_._own_settings_folder
_._remember_bobs_key
_.isolated_settings
_.own_ts
_.qapp
_.pytestmark

# tests/ui/test_gui_thread_gc.py makes a reference cycle on purpose
_.me

# httpx calls an Auth's flow and reads whether it needs the body (services/hub_client.py);
# uvicorn's serve loop reads should_exit (evidence_desk_testing/hub_server.py)
_.auth_flow
_.requires_request_body
_.should_exit
# pyHanko calls a TimeStamper's request method (services/pdf_signing.py)
_.async_request_tsa_response
# Qt calls a widget's event handlers (ui/redaction_editor.py: the image canvas)
_.mousePressEvent
_.mouseMoveEvent
_.mouseReleaseEvent
_.paintEvent

# psycopg reads a connection's autocommit property we set (hub/repository.py ``_quick``)
_.autocommit
