# junheng — build, test, demo.
#
#   make          build build/junheng (and build/libjunheng.a)
#   make demo     install missing packages, build, evaluate the sample data,
#                 create the demo accounts and serve http://127.0.0.1:8080
#                 until Ctrl-C (make demo SERVE=0: no serving)
#   make test     unit (cmocka), CLI end-to-end and API tests (tests/api,
#                 Node.js) under ASan+UBSan; last line "N passed, N failed"
#   make bench    build the benchmarks in build/ (run build/bench_eval)
#   make bench-serve  the web server under load (bench/serve.sh, wrk):
#                 a 30,000-school province; BENCH_LONG=SECONDS (default 600)
#   make bench-cycle  ledgers generated for every county of a 30,000-school
#                 province, its plans' timelines and notice (bench/cycle.sh)
#   make fuzz     build libFuzzer targets with clang; FUZZ_SECONDS=N runs each
#   make web      only the web application (web/ → web/dist, Vite)

CC      ?= cc
# Debian installs every library below in the default paths, so no
# pkg-config is needed for them (and the list is right even before
# install-deps); pango's headers live under glib's include folders, which
# pkg-config names (evaluated when used: after install-deps).
PKG_CFLAGS  = $(shell pkg-config --cflags pangocairo 2>/dev/null)
PKG_LIBS   := -ljansson -lzip -lexpat -lsqlite3 -lxlsxwriter -lsodium -lfreexl \
              -lpangocairo-1.0 -lpango-1.0 -lgobject-2.0 -lglib-2.0 -lcairo
WARN    := -std=c11 -Wall -Wextra -Werror
DEFS    := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
CFLAGS  ?= -O2 -g
ALL_CFLAGS = $(WARN) $(DEFS) -Iinclude -Ilib $(PKG_CFLAGS) $(CFLAGS)
# The library's layers, lowest first; each may use only those before it
# (scripts/check-layers.sh checks the object files).
LAYERS  := util io core plan store access service cycle report
LIBS    := $(PKG_LIBS) -lglpk -lm
# The web server (server/) is a program over the library, like src/.
SRV_LIBS := -lmicrohttpd -lz -lpthread

SAN_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
              -fno-sanitize-recover=undefined

LIB_SRC  := $(foreach l,$(LAYERS),$(sort $(wildcard lib/$(l)/*.c)))
LIB_HDR  := $(wildcard include/*.h include/junheng/*.h lib/*/*.h)
CLI_SRC  := $(sort $(wildcard src/*.c))
SRV_SRC  := $(sort $(wildcard server/*.c))
TEST_SRC := $(sort $(wildcard tests/test_*.c))
STD_FILE := data/standards/national-2017.std
GEN_SRC  := build/gen/core/standard_embed.c build/gen/plan/costs_embed.c \
            build/gen/cycle/deadlines_embed.c
DEADLINES_FILE := data/cycle/deadlines.conf
COST_FILE := data/costs/default.cost

B  := build
BA := build/asan

LIB_OBJ   := $(LIB_SRC:lib/%.c=$(B)/lib/%.o) $(B)/gen/core/standard_embed.o $(B)/gen/plan/costs_embed.o \
             $(B)/gen/cycle/deadlines_embed.o
LIB_OBJ_A := $(LIB_SRC:lib/%.c=$(BA)/lib/%.o) $(BA)/gen/core/standard_embed.o $(BA)/gen/plan/costs_embed.o \
             $(BA)/gen/cycle/deadlines_embed.o
CLI_OBJ   := $(CLI_SRC:src/%.c=$(B)/src/%.o)
CLI_OBJ_A := $(CLI_SRC:src/%.c=$(BA)/src/%.o)
SRV_OBJ   := $(SRV_SRC:server/%.c=$(B)/server/%.o) $(B)/gen/server/web_embed.o
SRV_OBJ_A := $(SRV_SRC:server/%.c=$(BA)/server/%.o) $(BA)/gen/server/web_embed.o
TESTS     := $(TEST_SRC:tests/%.c=$(BA)/%)

.PHONY: all demo test run-tests run-demo forms-fixtures bench bench-serve bench-cycle bench-report fuzz clean deps sample web
all: $(B)/junheng $(B)/web.stamp

deps:
	@scripts/install-deps.sh

build/gen/core/standard_embed.c: $(STD_FILE) scripts/embed.sh
	@mkdir -p $(dir $@)
	scripts/embed.sh jh_standard_national_data $< > $@
build/gen/plan/costs_embed.c: $(COST_FILE) scripts/embed.sh
	@mkdir -p $(dir $@)
	scripts/embed.sh jh_costs_default_data $< > $@
build/gen/cycle/deadlines_embed.c: $(DEADLINES_FILE) scripts/embed.sh
	@mkdir -p $(dir $@)
	scripts/embed.sh jh_cycle_deadlines_data $< > $@

# The web application (web/, Vue + Element Plus + ECharts, built by Vite
# into web/dist).  npm ci runs when web/node_modules is missing or older
# than the lock (its stamp, written after a successful npm ci); Vite runs
# when a source changed (the stamp build/web.stamp).  Without npm the
# server is built without the pages (it then serves its small index page).
WEB_SRC := web/package.json web/package-lock.json web/vite.config.js web/index.html \
           $(sort $(shell find web/src web/public -type f 2>/dev/null))
NPM := $(shell command -v npm 2>/dev/null)
web/node_modules/.jh-ci-stamp: web/package-lock.json
	@if [ -z "$(NPM)" ]; then echo "make: npm not found: the web application is not built (make deps installs Node.js)" >&2; \
	else cd web && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.jh-ci-stamp; fi
$(B)/web.stamp: $(WEB_SRC) web/node_modules/.jh-ci-stamp
	@mkdir -p $(B)
	@if [ -z "$(NPM)" ]; then rm -rf web/dist; mkdir -p web/dist; else \
	cd web && ./node_modules/.bin/vite build --logLevel warn; fi
	@touch $@
web: $(B)/web.stamp
# web/dist as C (path, bytes, gzip copy), in both servers.
build/gen/server/web_embed.c: $(B)/web.stamp scripts/embed-web.sh
	@mkdir -p $(dir $@)
	scripts/embed-web.sh web/dist > $@.tmp && mv $@.tmp $@
$(B)/gen/server/web_embed.o: build/gen/server/web_embed.c $(wildcard server/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -O1 -g0 -Iserver -c -o $@ $<
$(BA)/gen/server/web_embed.o: build/gen/server/web_embed.c $(wildcard server/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -O1 -g0 -Iserver -c -o $@ $<

$(B)/lib/%.o: lib/%.c $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
$(B)/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
$(B)/src/%.o: src/%.c $(LIB_HDR) $(wildcard src/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
$(B)/libjunheng.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^
$(B)/server/%.o: server/%.c $(LIB_HDR) $(wildcard server/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Iserver -c -o $@ $<
$(B)/junheng: $(CLI_OBJ) $(SRV_OBJ) $(B)/libjunheng.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS) $(SRV_LIBS)

$(BA)/lib/%.o: lib/%.c $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_CFLAGS) -c -o $@ $<
$(BA)/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_CFLAGS) -c -o $@ $<
$(BA)/src/%.o: src/%.c $(LIB_HDR) $(wildcard src/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_CFLAGS) -c -o $@ $<
$(BA)/libjunheng.a: $(LIB_OBJ_A)
	rm -f $@ && ar rcs $@ $^
$(BA)/server/%.o: server/%.c $(LIB_HDR) $(wildcard server/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_CFLAGS) -Iserver -c -o $@ $<
$(BA)/junheng: $(CLI_OBJ_A) $(SRV_OBJ_A) $(BA)/libjunheng.a
	$(CC) $(ALL_CFLAGS) $(SAN_CFLAGS) -o $@ $^ $(LIBS) $(SRV_LIBS)
# The server's unit test links the server's objects too (explicit rules
# win over the pattern below).
$(BA)/test_server: tests/test_server.c tests/testutil.h $(SRV_OBJ_A) $(BA)/libjunheng.a $(LIB_HDR) $(wildcard server/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_CFLAGS) -Iserver -Itests -o $@ $< $(SRV_OBJ_A) $(BA)/libjunheng.a $(LIBS) $(SRV_LIBS) -lcmocka
$(BA)/test_%: tests/test_%.c tests/testutil.h $(BA)/libjunheng.a $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_CFLAGS) -Itests -o $@ $< $(BA)/libjunheng.a $(LIBS) -lcmocka

# test and demo first install what is missing, then build in a second make
# so that nothing is compiled before the packages are there.
test: deps
	@$(MAKE) --no-print-directory run-tests
run-tests: $(TESTS) $(BA)/junheng $(B)/junheng $(B)/libjunheng.a $(B)/gen_forms
	@LAYERS="$(LAYERS)" scripts/run-tests.sh $(TESTS)

demo: deps
	@$(MAKE) --no-print-directory run-demo
DEMO_DB := $(B)/demo.db
# make demo SERVE=0 stops after the accounts instead of serving.
SERVE ?= 1
DEMO_LISTEN := 127.0.0.1:8080
# The demo accounts' passwords: printed by make demo, for this machine only.
DEMO_PW_ADMIN     := demo-admin-2024
DEMO_PW_CITY      := demo-jiangzhou-2024
DEMO_PW_COUNTY    := demo-yunling-2024
DEMO_PW_INSPECTOR := demo-duxue-2024
DEMO_PW_SCHOOL    := demo-gaoping-2024
# The demo's days (store clock, JUNHENG_TODAY): the statistics of 2022-2024
# are imported on DEMO_IMPORT_DAY, scripts/demo-cycle.sh plays the cycle on
# the days it names, and the server shows it on DEMO_TODAY (make demo
# DEMO_TODAY= serves on the real day).
DEMO_IMPORT_DAY   := 2025-01-06
DEMO_TODAY        ?= 2025-06-10
run-demo: $(B)/junheng
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@echo "== 建库:junheng init $(DEMO_DB) =="
	@$(B)/junheng init $(DEMO_DB)
	@echo "== 导入示例数据(江州市 7 个县,2022—2024 年) =="
	@JUNHENG_TODAY=$(DEMO_IMPORT_DAY) $(B)/junheng import $(DEMO_DB) data/sample/*.csv \
	  --who 演示 --why "示例数据"
	@echo "== 再导入办公室工作簿 schools-2024-office.xlsx(同一份 2024 年数据,应无变化) =="
	@JUNHENG_TODAY=$(DEMO_IMPORT_DAY) $(B)/junheng import $(DEMO_DB) data/sample/schools-2024-office.xlsx \
	  --who 演示 --why "办公室工作簿"
	@echo
	@echo "== 资源配置评估:各县、各年度(junheng eval) =="
	@$(B)/junheng eval $(DEMO_DB)
	@echo
	@echo "== 2024 年度综合结论:四个方面(junheng verdict --year 2024) =="
	@$(B)/junheng verdict $(DEMO_DB) --year 2024
	@echo
	@echo "下一步可以试:"
	@echo "  build/junheng verdict $(DEMO_DB) --county 369904 --year 2024   # 一个县的逐项结论"
	@echo "  build/junheng gaps $(DEMO_DB) --county 369904 --year 2024      # 差距与最省方案"
	@echo "  build/junheng report $(DEMO_DB) --county 369904 --year 2024 --kind application --out 申报表.xlsx   # 申报表"
	@echo "  build/junheng report $(DEMO_DB) --county 369904 --year 2024 --kind self-evaluation --out 自评报告.pdf"
	@echo
	@echo "== 创建周期:创建方案、工作台账、年度流程(scripts/demo-cycle.sh,仅用命令行) =="
	@JUNHENG=$(B)/junheng scripts/demo-cycle.sh $(DEMO_DB)
	@echo "  试试:JUNHENG_TODAY=$(DEMO_TODAY) build/junheng plan $(DEMO_DB) timeline 369900"
	@echo "        JUNHENG_TODAY=$(DEMO_TODAY) build/junheng ledger $(DEMO_DB) list --area 369904"
	@echo "        JUNHENG_TODAY=$(DEMO_TODAY) build/junheng cycle $(DEMO_DB) notice --area 369900 --format csv"
	@echo
	@echo "== 演示账号(junheng user add;密码仅供本机演示) =="
	@printf '%s\n' $(DEMO_PW_ADMIN) | $(B)/junheng user add $(DEMO_DB) admin \
	  --role admin --password-stdin >/dev/null
	@printf '%s\n' $(DEMO_PW_CITY) | $(B)/junheng user add $(DEMO_DB) jiangzhou \
	  --role city --area 369900 --password-stdin >/dev/null
	@printf '%s\n' $(DEMO_PW_COUNTY) | $(B)/junheng user add $(DEMO_DB) yunling \
	  --role county --area 369904 --password-stdin >/dev/null
	@printf '%s\n' $(DEMO_PW_INSPECTOR) | $(B)/junheng user add $(DEMO_DB) duxue \
	  --role inspector --area 369904 --password-stdin >/dev/null
	@printf '%s\n' $(DEMO_PW_SCHOOL) | $(B)/junheng user add $(DEMO_DB) gaoping \
	  --role school --area 2136990409 --password-stdin >/dev/null
	@echo "  账号        角色          范围                       密码"
	@echo "  admin       系统管理员    全部                       $(DEMO_PW_ADMIN)"
	@echo "  jiangzhou   市级督导室    369900 江州市              $(DEMO_PW_CITY)"
	@echo "  yunling     县级督导室    369904 云岭县              $(DEMO_PW_COUNTY)"
	@echo "  duxue       督学          369904 云岭县              $(DEMO_PW_INSPECTOR)"
	@echo "  gaoping     学校          2136990409 高坪乡中学      $(DEMO_PW_SCHOOL)"
	@echo
	@if [ "$(SERVE)" = 0 ]; then \
	  echo "(SERVE=0:不启动服务;启动:JUNHENG_TODAY=$(DEMO_TODAY) build/junheng serve $(DEMO_DB) --listen $(DEMO_LISTEN))"; \
	else \
	  echo "== 启动服务:http://$(DEMO_LISTEN)/ (演示日期 $(if $(DEMO_TODAY),$(DEMO_TODAY),今天);按 Ctrl-C 停止) =="; \
	  JUNHENG_TODAY=$(DEMO_TODAY) $(B)/junheng serve $(DEMO_DB) --listen $(DEMO_LISTEN); \
	fi

$(B)/bench_%: bench/%.c $(wildcard bench/*.h) $(B)/libjunheng.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libjunheng.a $(LIBS)
bench: $(patsubst bench/%.c,$(B)/bench_%,$(wildcard bench/*.c)) $(B)/junheng
# Prints figures against the issue's targets; never a test (not in make test).
bench-serve: $(B)/junheng $(B)/bench_province
	@BENCH_NO_BUILD=1 bench/serve.sh
bench-cycle: $(B)/junheng $(B)/bench_province
	@BENCH_NO_BUILD=1 bench/cycle.sh
bench-report: $(B)/junheng $(B)/bench_province
	@BENCH_NO_BUILD=1 bench/report.sh

$(B)/gen_sample: tools/gen_sample.c $(B)/libjunheng.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libjunheng.a $(LIBS)
$(B)/gen_office: tools/gen_office.c $(B)/libjunheng.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libjunheng.a $(LIBS)
# The forms' fixtures (tests/data/forms, committed) and the filler
# tests/e2e/forms.sh uses on a blank form.
$(B)/gen_forms: tests/gen_forms.c $(B)/libjunheng.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libjunheng.a $(LIBS)
forms-fixtures: $(B)/gen_forms
	$(B)/gen_forms tests/data/forms
sample: $(B)/gen_sample $(B)/gen_office
	$(B)/gen_sample data/sample
	$(B)/gen_office data/sample/schools-2024.csv data/sample/schools-2024-office.xlsx

FUZZ_SECONDS ?= 0
FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer,address,undefined
$(B)/fuzz/%: fuzz/%.c $(LIB_SRC) $(GEN_SRC)
	@mkdir -p $(dir $@)
	clang $(WARN) $(DEFS) -Iinclude -Ilib $(PKG_CFLAGS) $(FUZZ_CFLAGS) -o $@ $< $(LIB_SRC) $(GEN_SRC) $(LIBS)
fuzz: $(patsubst fuzz/%.c,$(B)/fuzz/%,$(wildcard fuzz/*.c))
	@if [ "$(FUZZ_SECONDS)" != 0 ]; then for f in $^; do \
	  n=$$(basename $$f); mkdir -p $(B)/corpus/$$n fuzz/corpus/$$n; \
	  echo "fuzz: $$n for $(FUZZ_SECONDS) s"; \
	  if ! $$f -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -max_len=65536 \
	    $(B)/corpus/$$n fuzz/corpus/$$n >$(B)/corpus/$$n.log 2>&1; then \
	    tail -n 40 $(B)/corpus/$$n.log; exit 1; fi; \
	  tail -n 1 $(B)/corpus/$$n.log; done; fi

clean:
	rm -rf build
